import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PouchDB from 'pouchdb';
import { HallnetError } from '../../sync/index.js';

const require = createRequire(import.meta.url);

/**
 * A CouchDB-protocol server for the nano adapter's tests (Apache CouchDB cannot be installed
 * here): express-pouchdb over on-disk PouchDB in `dir`, on 127.0.0.1 and a free port. Test-only:
 * express-pouchdb crashes on `_changes?filter=<missing ddoc>`, which the adapter never sends.
 */
export async function startExpressPouch(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.NODE_ENV === 'production') throw new HallnetError('ERR_CONFIG', 'express-pouchdb is a test server');
  await mkdir(dir, { recursive: true });
  const expressPouchDB = require('express-pouchdb') as (
    db: unknown,
    opts: object,
  ) => { listen(port: number, host: string): Server };
  const base = PouchDB.defaults({ prefix: `${dir}/` });
  const opened: PouchDB.Database[] = [];
  // Track every database the server opens, so close() can release its LevelDB files.
  const tracked = new Proxy(base, {
    construct(target, args) {
      const db = Reflect.construct(target, args) as PouchDB.Database;
      opened.push(db);
      return db;
    },
  });
  const app = expressPouchDB(tracked, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: `${dir}/log.txt` });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
    },
  };
}

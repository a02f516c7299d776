import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { startExpressPouch } from '../testing/express-pouch-server.js';
import { hubStoreContract } from '../testing/hub-store-contract.js';
import { createCouchStore } from './couch-store.js';

// Apache CouchDB cannot be installed here: the adapter runs against express-pouchdb, and uses
// only endpoints CouchDB 3 documents.
describe('createCouchStore', () => {
  hubStoreContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallnet-couch-store-'));
    const server = await startExpressPouch(dir);
    const store = await createCouchStore({ url: server.url, db: 'contract' });
    return {
      store,
      async close() {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';

/** A node's replica on disk, as a hall node keeps it. */
export function openReplica(dir: string, name: string): PouchDB.Database {
  mkdirSync(join(dir, 'replicas'), { recursive: true }); // LevelDB does not create parents
  return new PouchDB(join(dir, 'replicas', name));
}

/**
 * The hub as a node sees it: stock PouchDB over HTTP, sending an `authorization` header through
 * the `fetch` option (how real nodes attach their tokens). `credential` is whatever the test's
 * authenticate understands; `requested` collects the requests made, for tests of the protocol itself.
 */
export function hubAs(dbUrl: string, credential: string | (() => string), requested?: string[]): PouchDB.Database {
  return new PouchDB(dbUrl, {
    fetch: (url: string | Request, init?: RequestInit) => {
      requested?.push(`${init?.method ?? 'GET'} ${String(url)}`);
      const headers = new Headers(init?.headers);
      headers.set('authorization', typeof credential === 'string' ? credential : credential());
      return PouchDB.fetch(url, { ...init, headers });
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

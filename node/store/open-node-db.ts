import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { durableLeveldown } from './durable-leveldown.js';

/** A node's replica: PouchDB on LevelDB in `<dataDir>/db`, synced to disk on every write. LevelDB does not create parent folders. */
export function openNodeDb(dataDir: string): PouchDB.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return new PouchDB(join(dataDir, 'db'), {
    auto_compaction: true,
    db: durableLeveldown,
  } as PouchDB.Configuration.DatabaseConfiguration);
}

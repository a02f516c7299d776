import { leveldown } from './leveldown.js';

type Batch = (ops: unknown[], options: Record<string, unknown>, cb: (err?: Error) => void) => void;
type LevelDown = object;

/**
 * LevelDB for a node's replica, with every write batch synced to disk before PouchDB acknowledges
 * it. PouchDB's adapter never asks for `sync`, so a power cut could otherwise lose writes the
 * clerk was already told were saved; a case acknowledged at the window must survive one.
 */
export function durableLeveldown(location: string): LevelDown {
  const db = leveldown<LevelDown>(location);
  const inner = db as { _batch: Batch };
  const batch = inner._batch.bind(db);
  inner._batch = (ops, options, cb) => batch(ops, { ...options, sync: true }, cb);
  return db;
}

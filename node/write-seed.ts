import type { Envelope } from '../sync/index.js';

/** Writes the seed documents the replica does not hold yet; never overwrites what the district published since. */
export async function writeSeed(db: PouchDB.Database, docs: readonly Envelope[]): Promise<number> {
  const have = await db.allDocs({ keys: docs.map((d) => d._id) });
  const present = new Set(have.rows.filter((r) => 'value' in r && r.value && !r.value.deleted).map((r) => r.key));
  const missing = docs.filter((d) => !present.has(d._id));
  if (missing.length) await db.bulkDocs(missing as PouchDB.Core.PutDocument<object>[]);
  return missing.length;
}

import type { StoredDoc } from './store.js';

/** `doc` with only `_id`, `_rev`, `_deleted` and the named fields: what `Store.feedFromStart` hands on. */
export function cutDown(doc: StoredDoc, fields: readonly string[]): StoredDoc {
  const out: StoredDoc = {
    _id: doc._id,
    ...(doc._rev ? { _rev: doc._rev } : {}),
    ...(doc._deleted ? { _deleted: true } : {}),
  };
  for (const f of fields) if (doc[f] !== undefined) out[f] = doc[f];
  return out;
}

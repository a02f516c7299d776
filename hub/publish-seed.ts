import type { Envelope } from '../sync/index.js';
import type { Store } from './store/store.js';

/** Writes the district's seed documents that the store lacks; what the district published since stays. */
export async function publishSeed(store: Store, docs: readonly Envelope[]): Promise<number> {
  const held = await store.bulkGet(
    docs.map((d) => ({ id: d._id })),
    {},
  );
  const have = new Set(held.filter((h) => h.docs.length).map((h) => h.id));
  const missing = docs.filter((d) => !have.has(d._id));
  if (missing.length) await store.bulkDocs(missing as unknown as Parameters<Store['bulkDocs']>[0], { newEdits: true });
  return missing.length;
}

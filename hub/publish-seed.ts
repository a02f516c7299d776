import { canonicalJson, type Envelope } from '../sync/index.js';
import type { Store, StoredDoc } from './store/store.js';

// The fields a stored revision carries that are the store's, not the seed's.
const STORE_FIELDS = new Set(['_rev', '_revisions', '_attachments', '_conflicts', '_deleted']);
const content = (doc: object) =>
  canonicalJson(Object.fromEntries(Object.entries(doc).filter(([k]) => !STORE_FIELDS.has(k))));

/**
 * Writes the district's seed documents that the store lacks; what the district published since stays.
 * A seed matter the store holds unsigned and as an older software shipped it is written again as
 * this software ships it: halls take an unsigned matter only when it is exactly their own seed. So is
 * a district's root a city hub published without its certification (`cityCertPem`), or under
 * another name than the one the city now gives the district (`hallnet city enroll --name`).
 */
export async function publishSeed(store: Store, docs: readonly Envelope[]): Promise<number> {
  const held = new Map(
    (
      await store.bulkGet(
        docs.map((d) => ({ id: d._id })),
        {},
      )
    ).map((h) => [h.id, h.docs[0]]),
  );
  const writes = docs.flatMap((d): object[] => {
    const current = held.get(d._id) as (StoredDoc & { proof?: unknown }) | undefined;
    if (!current) return [d];
    if ((current as { _deleted?: boolean })._deleted) return [];
    const staleSeed = d.type === 'matter' && current.proof === undefined && content(current) !== content(d);
    // A district's root a city published before it certified roots: halls of other districts take it only certified.
    const uncertifiedRoot = d.type === 'certificate' && 'cityCertPem' in d && !('cityCertPem' in current);
    const renamedRoot =
      d.type === 'certificate' &&
      'cityCertPem' in d &&
      (current as { name?: unknown }).name !== (d as { name?: unknown }).name;
    return staleSeed || uncertifiedRoot || renamedRoot ? [{ ...d, _rev: current._rev }] : [];
  });
  if (writes.length) await store.bulkDocs(writes as unknown as Parameters<Store['bulkDocs']>[0], { newEdits: true });
  return writes.length;
}

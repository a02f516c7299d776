import type { Store } from '../store/store.js';
import { visibilityOf, type Visibility } from './visibility-keys.js';

/**
 * The type and parties of the revisions before a bare tombstone, for an index rebuilt after the
 * deletion: PouchDB sends tombstones without a body, so the parties must come from history.
 * The gateway stamps tombstones it accepts with the last known parties, so this is only needed
 * for tombstones written around it. Bodies compacted away (CouchDB compaction) cannot be read;
 * the tombstone then stays invisible, which can only leave a deleted doc on a node.
 */
export async function lastKnownVisibility(store: Store, id: string, rev: string): Promise<Visibility | undefined> {
  const [tomb] = await store.openRevs(id, [rev], { revs: true });
  const history = tomb && 'ok' in tomb ? tomb.ok._revisions : undefined;
  if (!history) return undefined;
  // A few steps back is enough: a deletion is normally the child of the last live revision.
  for (let i = 1; i < Math.min(history.ids.length, 6); i++) {
    const doc = await store.get(id, { rev: `${history.start - i}-${history.ids[i]}` });
    const v = visibilityOf(doc);
    if (v) return v;
  }
  return undefined;
}

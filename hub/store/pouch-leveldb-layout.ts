/**
 * PouchDB 9's LevelDB layout, as the embedded store's direct reads use it (the whole-store scan,
 * `pouch-feed-scan.ts`, the batched `_bulk_get`, `pouch-bulk-read.ts`, and a page of the feed,
 * `pouch-feed-page.ts`): sublevel keys
 * `\xff<store>\xff<key>`, each document's metadata by id, revision bodies by a 16-digit seq.
 */

import { type RevLeaf, winnerOf } from '../../sync/winning-leaf.js';

/** The sublevel of documents' metadata (revision tree, seq of each revision's body). */
export const DOC_STORE = '\xffdocument-store\xff';
/** The sublevel of revision bodies, by seq. */
export const BY_SEQ = '\xffby-sequence\xff';

/** The key of the revision body stored at `seq`. */
export const seqKey = (seq: number) => `${BY_SEQ}${`0000000000000000${seq}`.slice(-16)}`;

/** A revision tree node: `[hash, { status, deleted? }, children]`. */
export type RevNode = [string, { deleted?: boolean }, RevNode[]];

/** A document's metadata as PouchDB stores it. */
export interface Metadata {
  id: string;
  seq: number;
  rev_tree: { pos: number; ids: RevNode }[];
  rev_map: Record<string, number>;
  winningRev?: string;
  deleted?: boolean;
}

/** A leaf of a revision tree. */
export type Leaf = RevLeaf;

export { winnerOf };

/** Leaves of a revision tree, in the order PouchDB's `collectLeaves` lists them (style `all_docs`). */
export function leavesOf(meta: Metadata): Leaf[] {
  const leaves: Leaf[] = [];
  const toVisit = meta.rev_tree.map((t) => ({ pos: t.pos, node: t.ids }));
  for (let v = toVisit.pop(); v; v = toVisit.pop()) {
    const [hash, opts, children] = v.node;
    if (children.length === 0) leaves.push({ rev: `${v.pos}-${hash}`, pos: v.pos, deleted: opts.deleted === true });
    for (const child of children) toVisit.push({ pos: v.pos + 1, node: child });
  }
  return leaves.sort((a, b) => a.pos - b.pos).reverse();
}

/** Whether the node of `rev`'s hash is deleted, as PouchDB's `isDeleted` finds it (the first by hash alone). */
export function isDeleted(meta: Metadata, rev: string): boolean {
  const hash = rev.slice(rev.indexOf('-') + 1);
  let toVisit = meta.rev_tree.map((t) => t.ids);
  for (let node = toVisit.pop(); node; node = toVisit.pop()) {
    if (node[0] === hash) return node[1].deleted === true;
    toVisit = toVisit.concat(node[2]);
  }
  return false;
}

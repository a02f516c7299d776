import type { Held } from './write-rule/write-context.js';

/** A leaf of a document's revision tree: its revision id, generation and whether it is a deletion. */
export interface RevLeaf {
  rev: string;
  pos: number;
  deleted: boolean;
}

/** PouchDB's `winningRev`: a live leaf before a deleted one, then the higher generation, then the higher hash. */
export function winnerOf<L extends RevLeaf>(leaves: readonly L[]): L {
  let best = leaves[0] as L;
  for (const l of leaves) {
    if (l.deleted !== best.deleted ? best.deleted : l.pos !== best.pos ? l.pos > best.pos : l.rev > best.rev) best = l;
  }
  return best;
}

/** The body PouchDB's `get` answers for what `held` holds: its winning leaf's, when that is live. */
export function winningBody(held: Held | undefined): Record<string, unknown> | undefined {
  if (!held?.leaves.length) return undefined;
  const winner = winnerOf(held.leaves.map((l) => ({ ...l, pos: Number.parseInt(l.rev, 10) })));
  return winner.deleted ? undefined : winner.body;
}

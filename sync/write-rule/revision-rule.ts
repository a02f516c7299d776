import type { Held } from './write-context.js';

/** The replication history a revision carries: its generation and its ancestors' hashes, newest first. */
export interface Revisions {
  start: number;
  ids: string[];
}

/** The revision ids (`3-abc`) a revision names as itself and its ancestors, newest first. */
export function ancestryOf(revisions: Revisions): string[] {
  return revisions.ids.map((hash, i) => `${revisions.start - i}-${hash}`);
}

/**
 * Whether a replicated revision's history is one the holder can accept: no longer than the
 * bound, and — for a document already held — rooted in a revision the holder knows, so a writer
 * can neither graft a second history onto a document nor jump its generation to win the
 * deterministic winner pick (the jump is at most the bounded length of the history).
 */
export function revisionProblem(
  revisions: Revisions | undefined,
  held: Held | undefined,
  maxRevisions: number,
): string | undefined {
  if (!revisions) return undefined;
  if (revisions.ids.length > maxRevisions)
    return `history of ${revisions.ids.length} revisions exceeds the bound of ${maxRevisions}`;
  if (!held)
    return revisions.start > maxRevisions
      ? `a new document's generation ${revisions.start} exceeds the bound of ${maxRevisions}`
      : undefined;
  const ancestry = ancestryOf(revisions);
  if (!ancestry.slice(1).some((rev) => held.knownRevs.has(rev)))
    return 'revision does not descend from any revision held under this id';
  // The store attaches a history by its oldest revision: one it does not hold starts a second tree
  // beside the held one, whose revisions read back under the held ones' ids.
  if (!held.knownRevs.has(ancestry.at(-1)!))
    return `the history's oldest revision ${ancestry.at(-1)} is not one held under this id`;
  // The store files a revision under the history it claims: one that names a live revision but
  // not that revision's own ancestors would retire, or replace, a revision other than the one the
  // rule checked (a tombstone "of" one branch that lands on another's decision).
  for (const leaf of held.leaves) {
    const at = ancestry.indexOf(leaf.rev);
    const own = leaf.body?._revisions as Revisions | undefined;
    if (at < 1 || !own) continue;
    const theirs = ancestryOf(own);
    const claimed = ancestry.slice(at, at + theirs.length);
    if (claimed.some((rev, i) => rev !== theirs[i]))
      return `the history names revision ${leaf.rev} but not the revisions it descends from`;
  }
  return undefined;
}

/** The held leaves this revision descends from (an ancestor is one of its revision ids). */
export function ancestorLeaves<T extends { rev: string }>(leaves: readonly T[], revisions: Revisions | undefined): T[] {
  if (!revisions) return [];
  const ancestry = new Set(ancestryOf(revisions).slice(1));
  return leaves.filter((l) => ancestry.has(l.rev));
}

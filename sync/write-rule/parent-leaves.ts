import { ancestorLeaves, type Revisions } from './revision-rule.js';

/** A written revision: replicated ones carry their history, a node's own write names the revision it replaces. */
export interface Revised {
  _rev?: string;
  _revisions?: Revisions;
}

/** The held leaves a written revision replaces: those in its replicated history, or the one its `_rev` names. */
export function parentLeaves<T extends { rev: string }>(leaves: readonly T[], doc: Revised): T[] {
  if (doc._revisions) return ancestorLeaves(leaves, doc._revisions);
  return doc._rev ? leaves.filter((l) => l.rev === doc._rev) : [];
}

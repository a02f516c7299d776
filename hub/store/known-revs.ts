import type { RevsDiff } from './store.js';

/**
 * Which of the requested (id, rev) pairs the store holds, keyed `id\nrev`. PouchDB throws an
 * uncaught exception (and takes the process down) when `latest` meets a revision missing from
 * the tree, and express-pouchdb runs PouchDB in-process, so every `latest` read is narrowed to
 * revisions `_revs_diff` does not call missing: one round trip for a whole batch.
 */
export async function knownRevs(
  revsDiff: (revs: Record<string, string[]>) => Promise<RevsDiff>,
  requests: readonly { id: string; rev: string }[],
): Promise<Set<string>> {
  const asked: Record<string, string[]> = {};
  for (const { id, rev } of requests) (asked[id] ??= []).push(rev);
  const known = new Set<string>();
  if (requests.length === 0) return known;
  const diff = await revsDiff(asked);
  for (const { id, rev } of requests) {
    if (!diff[id]?.missing.includes(rev)) known.add(`${id}\n${rev}`);
  }
  return known;
}

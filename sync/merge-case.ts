import type { CaseDoc, CaseEvent } from './case.js';

/** Events in the one order every node uses: by time, then by id so equal times still agree. */
export function compareEvents(a: CaseEvent, b: CaseEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Merges revisions of one case (the winner first, then its conflicts) into one: the union of
 * their events by id and of their parties. Nothing is ever dropped, and the result does not
 * depend on the order of the conflicting revisions, so every node computes the same case.
 */
export function mergeCase<T extends CaseDoc>(revisions: readonly T[]): T {
  const [winner, ...others] = revisions;
  if (!winner) throw new TypeError('mergeCase needs at least one revision');
  if (others.length === 0) return winner;
  const events = new Map<string, CaseEvent>();
  const parties = new Set<string>();
  for (const rev of revisions) {
    for (const e of rev.events) if (!events.has(e.id)) events.set(e.id, e);
    for (const p of rev.parties) parties.add(p);
  }
  return {
    ...winner,
    parties: [...parties].sort(),
    events: [...events.values()].sort(compareEvents),
  };
}

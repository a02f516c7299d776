import type { CaseDoc, CaseEvent } from './case.js';

/** The tie-break between events no log orders: by time, then by id, so every node agrees. */
export function compareEvents(a: CaseEvent, b: CaseEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Merges revisions of one case (the winner first, then its conflicts) into one: the union of
 * their events by id and of their parties. Nothing is ever dropped, and the result does not depend
 * on the order of the conflicting revisions, so every node computes the same case.
 *
 * The order is causal, not by clock: each revision lists its events in the order they were
 * appended, and an event is appended by an office that had seen every event before it. The merge
 * keeps every revision's order and places events no revision orders by `compareEvents`, so a hall
 * whose clock runs fast cannot put its forwarding after the street's decision on what it forwarded.
 */
export function mergeCase<T extends CaseDoc>(revisions: readonly T[]): T {
  const [winner, ...others] = revisions;
  if (!winner) throw new TypeError('mergeCase needs at least one revision');
  if (others.length === 0) return winner;
  const events = new Map<string, CaseEvent>();
  const after = new Map<string, Set<string>>();
  const before = new Map<string, number>();
  const parties = new Set<string>();
  for (const rev of revisions) {
    for (const p of rev.parties) parties.add(p);
    let prev: string | undefined;
    for (const e of rev.events) {
      if (!events.has(e.id)) {
        events.set(e.id, e);
        after.set(e.id, new Set());
        before.set(e.id, 0);
      }
      if (prev !== undefined && prev !== e.id && !after.get(prev)!.has(e.id)) {
        after.get(prev)!.add(e.id);
        before.set(e.id, before.get(e.id)! + 1);
      }
      prev = e.id;
    }
  }
  return { ...winner, parties: [...parties].sort(), events: topologicalOrder(events, after, before) };
}

/** Kahn's algorithm with the ready events taken in `compareEvents` order; a cycle (only a forged log makes one) is broken the same way. */
function topologicalOrder(
  events: Map<string, CaseEvent>,
  after: Map<string, Set<string>>,
  before: Map<string, number>,
): CaseEvent[] {
  const ready = [...events.values()].filter((e) => before.get(e.id) === 0).sort(compareEvents);
  const out: CaseEvent[] = [];
  const placed = new Set<string>();
  while (out.length < events.size) {
    let next = ready.shift();
    if (!next) next = [...events.values()].filter((e) => !placed.has(e.id)).sort(compareEvents)[0]!;
    if (placed.has(next.id)) continue;
    placed.add(next.id);
    out.push(next);
    for (const id of after.get(next.id)!) {
      const left = before.get(id)! - 1;
      before.set(id, left);
      if (left === 0 && !placed.has(id)) insertSorted(ready, events.get(id)!);
    }
  }
  return out;
}

function insertSorted(list: CaseEvent[], e: CaseEvent): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEvents(list[mid]!, e) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, e);
}

import type { CaseDoc, CaseEvent } from './case.js';
import { officeProblem } from './case-office.js';
import { foldEvent, openFold, type CaseState } from './case-state.js';

/** The order of events no log orders, after the holding office's (`mergeCase`): by time, then by id, so every node agrees. */
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
 * keeps every revision's order, so a hall whose clock runs fast cannot put its forwarding after the
 * street's decision on what it forwarded. Of events no revision orders, the next one the office
 * holding the case may write goes first, the rest by `compareEvents`: a hall's clock is its own
 * word, and were time to decide, an office that may also act on the case (the accepting hall
 * recording a withdrawal) could date its act back before the holder's decision and overturn it.
 * Two offices cut off from each other that both decide keep both events: the responsible one's
 * counts, the other is flagged (design §4: one responsible office decides).
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
  return { ...winner, parties: [...parties].sort(), events: causalOrder(winner, events, after, before) };
}

/**
 * Kahn's algorithm, folding the case as it places events so it knows who holds it: of the ready
 * events, the holder's next admissible one, else the first by `compareEvents`. A cycle (only a
 * forged log makes one) is broken by `compareEvents` alone.
 */
function causalOrder(
  header: CaseDoc,
  events: Map<string, CaseEvent>,
  after: Map<string, Set<string>>,
  before: Map<string, number>,
): CaseEvent[] {
  const ready = [...events.values()].filter((e) => before.get(e.id) === 0).sort(compareEvents);
  const out: CaseEvent[] = [];
  const placed = new Set<string>();
  // Undefined until the acceptance is placed; null once a malformed event (only a planted log has
  // one) broke the fold: the rest is then ordered by time alone, the same way on every node.
  let state: CaseState | null | undefined;
  while (out.length < events.size) {
    let next = ready.length ? ready.splice(state ? holderFirst(state, ready) : 0, 1)[0] : undefined;
    if (!next) next = [...events.values()].filter((e) => !placed.has(e.id)).sort(compareEvents)[0]!;
    if (placed.has(next.id)) continue;
    placed.add(next.id);
    out.push(next);
    try {
      if (state) foldEvent(state, next);
      else if (state === undefined && (next.kind === 'accepted' || next.kind === 'applied'))
        state = openFold(header, next);
    } catch {
      state = null;
    }
    for (const id of after.get(next.id)!) {
      const left = before.get(id)! - 1;
      before.set(id, left);
      if (left === 0 && !placed.has(id)) insertSorted(ready, events.get(id)!);
    }
  }
  return out;
}

/** Where in `ready` the holding office's next act it may write there is; the first when none is (or an event is malformed). */
function holderFirst(state: CaseState, ready: readonly CaseEvent[]): number {
  try {
    return Math.max(
      0,
      ready.findIndex((e) => byHolder(state, e)),
    );
  } catch {
    return 0;
  }
}

/** Whether `e` is an act of the office holding the case that it may write at this point. */
function byHolder(state: CaseState, e: CaseEvent): boolean {
  return e.actor.org === state.holder && officeProblem(state, e) === undefined;
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

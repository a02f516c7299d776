import type { QueueSummaryDoc } from '../../sync/index.js';
import { msBetween, waitingMs, type Ticket } from './ticket.js';

/** The counts of a queue summary: what summariseDay makes of a day's tickets. */
export type DaySummary = Pick<
  QueueSummaryDoc,
  | 'issued'
  | 'called'
  | 'finished'
  | 'noShows'
  | 'appointments'
  | 'waitMsTotal'
  | 'longestWaitMs'
  | 'serveMsTotal'
  | 'categories'
>;

/**
 * A day's queue in counts and summed times, per category and in all: issued, called (their waits
 * summed, the longest), finished (their serving time summed), missed, appointments checked in.
 * Nothing of any ticket's holder is read. Tickets still waiting at `now` count their wait so far
 * towards the longest.
 */
export function summariseDay(tickets: Iterable<Ticket>, now: Date): DaySummary {
  const byCategory = new Map<number, QueueSummaryDoc['categories'][number]>();
  const out: DaySummary = {
    issued: 0,
    called: 0,
    finished: 0,
    noShows: 0,
    appointments: 0,
    waitMsTotal: 0,
    longestWaitMs: 0,
    serveMsTotal: 0,
    categories: [],
  };
  for (const t of tickets) {
    let c = byCategory.get(t.category);
    if (!c)
      byCategory.set(
        t.category,
        (c = { category: t.category, issued: 0, called: 0, finished: 0, noShows: 0, waitMsTotal: 0, serveMsTotal: 0 }),
      );
    const wait = waitingMs(t);
    const missed = t.log.some((l) => l.kind === 'no-show');
    for (const x of [out, c]) {
      x.issued++;
      if (wait !== undefined) {
        x.called++;
        x.waitMsTotal += Math.round(wait);
      }
      if (t.state === 'finished') {
        x.finished++;
        x.serveMsTotal += Math.round(t.servingMs);
      }
      if (missed) x.noShows++;
    }
    if (t.lane === 'appointment') out.appointments++;
    const waited = wait ?? (t.state === 'waiting' ? msBetween(t.issuedAt, now) : 0);
    out.longestWaitMs = Math.max(out.longestWaitMs, Math.round(Math.min(waited, 30 * 86_400_000)));
  }
  out.categories = [...byCategory.values()].sort((a, b) => a.category - b.category);
  return out;
}

import { servedCategories, type QueueContext, type QueueState } from './queue-state.js';
import { categoryLetter } from './ticket-number.js';
import { msBetween, waitingMs } from './ticket.js';

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/**
 * Today's figures per category: how many wait now and the longest of them, how many were issued,
 * called, served and missed, the average wait (issue to first call) and the average serving time
 * of finished tickets. The source for the hall's figures and its waiting-time chart.
 */
export function queueStats(state: QueueState, ctx: Pick<QueueContext, 'now' | 'categoryName'>) {
  const cats = servedCategories(state);
  for (const t of state.tickets.values()) cats.add(t.category);
  const categories = [...cats]
    .sort((a, b) => a - b)
    .map((category) => {
      const mine = [...state.tickets.values()].filter((t) => t.category === category);
      const waiting = mine.filter((t) => t.state === 'waiting');
      const waits = mine.map(waitingMs).filter((x): x is number => x !== undefined);
      const finished = mine.filter((t) => t.state === 'finished');
      return {
        category,
        letter: categoryLetter(category),
        name: ctx.categoryName(category),
        waiting: waiting.length,
        longestWaitingMs: waiting.length ? Math.max(...waiting.map((t) => msBetween(t.issuedAt, ctx.now))) : null,
        issued: mine.length,
        called: waits.length,
        finished: finished.length,
        noShows: mine.filter((t) => t.log.some((l) => l.kind === 'no-show')).length,
        averageWaitMs: mean(waits),
        averageServeMs: mean(finished.map((t) => t.servingMs)),
      };
    });
  const all = [...state.tickets.values()];
  const waits = all.map(waitingMs).filter((x): x is number => x !== undefined);
  return {
    day: state.day,
    at: ctx.now.toISOString(),
    waiting: all.filter((t) => t.state === 'waiting').length,
    issued: all.length,
    averageWaitMs: mean(waits),
    averageServeMs: mean(all.filter((t) => t.state === 'finished').map((t) => t.servingMs)),
    categories,
  };
}
export type QueueStats = ReturnType<typeof queueStats>;

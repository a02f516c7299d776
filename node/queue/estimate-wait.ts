import type { QueueState } from './queue-state.js';
import type { Ticket } from './ticket.js';

/** What one resident takes at a window when the hall has served nobody of his category yet today. */
export const DEFAULT_SERVE_MS = 8 * 60_000;

/**
 * 预计等候: how long `ahead` people take before one more of `category` is called — each takes the
 * day's average serving time of the category (of the hall, or DEFAULT_SERVE_MS before the first
 * finish), shared by the windows serving it that are open (all of them, if none is open yet).
 * An estimate the resident reads on the slip and the kiosk, in whole minutes; never below 0.
 */
export function estimateWaitMinutes(state: QueueState, category: number, ahead: number): number {
  if (ahead <= 0) return 0;
  const serving = [...state.windows.values()].filter((w) => w.categories.includes(category));
  const windows = Math.max(1, serving.filter((w) => w.open).length || serving.length);
  const finished: Ticket[] = [];
  const ofCategory: Ticket[] = [];
  for (const t of state.tickets.values()) {
    if (t.state !== 'finished' || t.servingMs <= 0) continue;
    finished.push(t);
    if (t.category === category) ofCategory.push(t);
  }
  const sample = ofCategory.length ? ofCategory : finished;
  const perPerson = sample.length ? sample.reduce((a, t) => a + t.servingMs, 0) / sample.length : DEFAULT_SERVE_MS;
  return Math.round((ahead * perPerson) / windows / 60_000);
}

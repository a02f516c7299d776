import type { QueueState } from './queue-state.js';

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
  const ofCategory = state.index.servedOf(category);
  const sample = ofCategory.count ? ofCategory : state.index.servedOf();
  const perPerson = sample.count ? sample.ms / sample.count : DEFAULT_SERVE_MS;
  return Math.round((ahead * perPerson) / windows / 60_000);
}

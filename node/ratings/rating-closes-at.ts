import type { SupervisionSettings } from '../../sync/index.js';

const DAY_MS = 86_400_000;

/** Until when a case completed (or a visit finished) at `closedAt` may be rated: `ratingDays` calendar days later. */
export function ratingClosesAt(closedAt: string, settings: Pick<SupervisionSettings, 'ratingDays'>): Date {
  return new Date(Date.parse(closedAt) + settings.ratingDays * DAY_MS);
}

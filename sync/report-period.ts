import { chinaDate } from './china-date.js';
import { HallnetError } from './errors.js';

const DAY_MS = 86_400_000;
/** The longest period figures are asked for, in days. */
export const MAX_REPORT_DAYS = 366;

/** The period figures are asked for (China dates, inclusive): the last 30 days by default; at most a year, and never backwards. */
export function reportPeriod(
  q: { from?: string | undefined; to?: string | undefined },
  now: Date,
): { from: string; to: string } {
  const to = q.to ?? chinaDate(now);
  const from = q.from ?? chinaDate(new Date(Date.parse(`${to}T12:00:00+08:00`) - 29 * DAY_MS));
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (days < 0)
    throw new HallnetError('ERR_VALIDATION', 'period ends before it starts', {
      issues: [{ field: 'to', reason: 'must not be before from / 结束日期早于开始日期' }],
    });
  if (days >= MAX_REPORT_DAYS)
    throw new HallnetError('ERR_VALIDATION', 'period longer than a year', {
      issues: [{ field: 'from', reason: `at most ${MAX_REPORT_DAYS} days / 统计期不超过 ${MAX_REPORT_DAYS} 天` }],
    });
  return { from, to };
}

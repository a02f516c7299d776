import type { Figures } from './compute-figures.js';
import type { FigureRow } from './figure-tally.js';

import { MIN_RATINGS } from '../../sync/index.js';

export { MIN_RATINGS };

/** Why a row's rating figures are withheld, as the pages and the CSV say it. */
export const WITHHELD = {
  small: '样本不足',
  period: '评价指标按已结束的自然月发布',
  scope: '评价指标只按本机构全部数据发布',
} as const;

/** One reason of WITHHELD. */
export type WithheldReason = (typeof WITHHELD)[keyof typeof WITHHELD];

/**
 * The row with its rating figures left out for `reason`, and its score too when that weighs
 * satisfaction in (MIN_RATINGS ratings or more): a score of cases and queue alone is everyone's.
 */
function withheld(r: FigureRow, reason: WithheldReason): FigureRow {
  return {
    ...r,
    ratings: null,
    defaultRatings: null,
    levels: null,
    satisfactionRate: null,
    satisfactionRateWithDefaults: null,
    followUps: null,
    followUpsOverdue: null,
    score: (r.ratings ?? 0) >= MIN_RATINGS ? null : r.score,
    ratingsWithheld: reason,
  };
}

/**
 * The figures as staff without `ratings.view` (clerks, directors, admins) may see them: no rating
 * figure of a group holding fewer than MIN_RATINGS ratings, and none that the shown ones and the
 * total would give away — while the groups held back together hold fewer than MIN_RATINGS (but
 * some), the smallest shown groups are held back too. Ratings no group shows (visits in a grouping
 * by matter) count as held back. With `reason` (a period that is not one ended month, a part of the
 * node's data) every rating figure is held back: those would let answers be subtracted from each
 * other until one rating stands alone.
 */
export function withholdRatings(f: Figures, reason?: WithheldReason): Figures {
  if (reason || (f.total.ratings ?? 0) < MIN_RATINGS) {
    const why = reason ?? WITHHELD.small;
    return { ...f, rows: f.rows.map((r) => withheld(r, why)), total: withheld(f.total, why) };
  }
  const count = (r: FigureRow) => r.ratings ?? 0;
  const hidden = new Set(f.rows.filter((r) => count(r) > 0 && count(r) < MIN_RATINGS).map((r) => r.key));
  let hiddenSum = (f.total.ratings ?? 0) - f.rows.filter((r) => !hidden.has(r.key)).reduce((n, r) => n + count(r), 0);
  const shown = f.rows.filter((r) => !hidden.has(r.key) && count(r) > 0).sort((a, b) => count(a) - count(b));
  while (hiddenSum > 0 && hiddenSum < MIN_RATINGS && shown.length) {
    const next = shown.shift()!;
    hidden.add(next.key);
    hiddenSum += count(next);
  }
  return { ...f, rows: f.rows.map((r) => (hidden.has(r.key) ? withheld(r, WITHHELD.small) : r)) };
}

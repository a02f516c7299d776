import type { AcceptedCase } from './case-state.js';
import { isSatisfied, type RatingLevel } from './rating.js';

const DAY_MS = 86_400_000;

/** A period of China dates (`from`/`to` inclusive) as instants: `start` inclusive, `end` exclusive. */
export function periodBounds(q: { from: string; to: string }): { start: number; end: number } {
  return { start: Date.parse(`${q.from}T00:00:00+08:00`), end: Date.parse(`${q.to}T00:00:00+08:00`) + DAY_MS };
}

/** Whether an instant (ISO) lies in the period [start, end). */
export const withinPeriod = (iso: string | undefined, p: { start: number; end: number }): boolean =>
  iso !== undefined && Date.parse(iso) >= p.start && Date.parse(iso) < p.end;

/** n / d, null when there is nothing to divide by. */
export const rate = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** A figure rounded to `digits` decimals, null kept. */
export const rounded = (x: number | null, digits: number): number | null =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** What a case was in a period: accepted in it, completed in it, and if so by its promised deadline. */
export interface CaseInPeriod {
  accepted: boolean;
  completed: boolean;
  onTime: boolean;
}

/** What `c` was in the period [start, end) (`periodBounds`). */
export function caseInPeriod(
  c: Pick<AcceptedCase, 'acceptedAt' | 'status' | 'closedAt' | 'promisedBy'>,
  p: { start: number; end: number },
): CaseInPeriod {
  const completed = c.status === 'completed' && withinPeriod(c.closedAt, p);
  return {
    accepted: withinPeriod(c.acceptedAt, p),
    completed,
    onTime: completed && Date.parse(c.closedAt!) <= Date.parse(c.promisedBy),
  };
}

/**
 * The counts both supervisions make of a group's cases and ratings over a period — the district's
 * (综合考评, node/supervision) and the city's of cross-district cases (hub/city) — so that accepted,
 * 即办, on time and satisfied mean the same in both: accepted in the period, and of them completed
 * at acceptance; the cases due — completed in the period, and those still open past their promised
 * deadline (`openOverdue`, which the caller judges) — and of them completed by the deadline, so an
 * overdue case never sits beside an on-time rate of 100%; ratings given in the period, and of them
 * satisfied (default ratings, 基本满意, included).
 */
export class CaseTally {
  accepted = 0;
  instant = 0;
  completed = 0;
  onTime = 0;
  /** Open past the promised deadline at the period's end (or now): due, and not completed on time. */
  openOverdue = 0;
  ratings = 0;
  satisfied = 0;

  /** Counts a case as `caseInPeriod` found it. */
  addCase(c: Pick<AcceptedCase, 'instant'>, f: CaseInPeriod): void {
    if (f.accepted) {
      this.accepted++;
      if (c.instant) this.instant++;
    }
    if (f.completed) {
      this.completed++;
      if (f.onTime) this.onTime++;
    }
  }

  /** Counts a rating given in the period. */
  addRatingLevel(level: RatingLevel): void {
    this.ratings++;
    if (isSatisfied(level)) this.satisfied++;
  }

  /** instant / accepted, onTime / (completed + openOverdue), satisfied / ratings; unrounded, null where there is none. */
  rates(): { instantRate: number | null; onTimeRate: number | null; satisfactionRate: number | null } {
    return {
      instantRate: rate(this.instant, this.accepted),
      onTimeRate: rate(this.onTime, this.completed + this.openOverdue),
      satisfactionRate: rate(this.satisfied, this.ratings),
    };
  }
}

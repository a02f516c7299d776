import { describe, expect, it } from 'vitest';
import type { Figures } from './compute-figures.js';
import type { FigureRow } from './figure-tally.js';
import { WITHHELD, withholdRatings } from './withhold-ratings.js';

function row(key: string, ratings: number): FigureRow {
  return {
    key,
    name: key,
    accepted: ratings,
    completed: ratings,
    instant: 0,
    instantRate: 0,
    onTime: ratings,
    onTimeRate: 1,
    overdue: 0,
    overdueOpen: 0,
    avgHandlingDays: 1,
    tickets: 0,
    avgWaitMinutes: null,
    ratings,
    defaultRatings: 0,
    levels: { 'very-satisfied': ratings, satisfied: 0, basic: 0, dissatisfied: 0, 'very-dissatisfied': 0 },
    satisfactionRate: 1,
    satisfactionRateWithDefaults: 1,
    followUps: 0,
    followUpsOverdue: 0,
    score: 90,
    ratingsWithheld: null,
  };
}
function figures(counts: Record<string, number>, total = Object.values(counts).reduce((a, b) => a + b, 0)): Figures {
  return {
    from: '2026-10-01',
    to: '2026-10-31',
    by: 'clerk',
    org: null,
    rows: Object.entries(counts).map(([k, n]) => row(k, n)),
    total: row('*', total),
    daily: [],
  };
}
const shown = (f: Figures) => Object.fromEntries(f.rows.map((r) => [r.key, r.ratings]));

describe('withholdRatings', () => {
  it('shows groups of five or more when what is held back holds none or five or more', () => {
    expect(shown(withholdRatings(figures({ a: 5, b: 9, c: 0 })))).toEqual({ a: 5, b: 9, c: 0 });
    expect(shown(withholdRatings(figures({ a: 8, b: 2, c: 3 })))).toEqual({ a: 8, b: null, c: null });
  });

  it('holds back the smallest shown groups until the held-back ones could not be one rating told apart', () => {
    // b alone would be the total less a and c: a (the smallest shown) goes with it.
    expect(shown(withholdRatings(figures({ a: 6, b: 1, c: 9 })))).toEqual({ a: null, b: null, c: 9 });
    // Ratings in no group (visits when grouped by matter) count as held back.
    expect(shown(withholdRatings(figures({ a: 6, b: 7 }, 14)))).toEqual({ a: null, b: 7 });
  });

  it('holds back everything below five in all, or for a reason that applies to the whole answer', () => {
    const few = withholdRatings(figures({ a: 3, b: 1 }));
    // Below five ratings the score weighs none in: it is shown, the same as the supervisors see.
    expect(few.total).toMatchObject({ ratings: null, levels: null, score: 90, ratingsWithheld: WITHHELD.small });
    const period = withholdRatings(figures({ a: 30 }), WITHHELD.period);
    // From five it weighs satisfaction in, and is held back with it.
    expect(period.rows[0]).toMatchObject({
      ratings: null,
      followUps: null,
      score: null,
      ratingsWithheld: WITHHELD.period,
    });
    // Case figures are never touched.
    expect(period.rows[0]).toMatchObject({ accepted: 30, onTimeRate: 1 });
  });
});

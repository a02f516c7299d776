import { describe, expect, it } from 'vitest';
import { CaseTally, caseInPeriod, periodBounds } from './case-tally.js';

const day = periodBounds({ from: '2026-03-02', to: '2026-03-02' });
const c = (o: { acceptedAt: string; closedAt?: string; instant?: boolean }) => ({
  status: o.closedAt ? ('completed' as const) : ('processing' as const),
  acceptedAt: o.acceptedAt,
  closedAt: o.closedAt as string | undefined,
  promisedBy: '2026-03-02T17:00:00+08:00',
  instant: o.instant ?? false,
});

describe('the counts both supervisions make', () => {
  it('takes a China day from its midnight to the next, and on time up to the promised instant itself', () => {
    expect(day.end - day.start).toBe(86_400_000);
    expect(caseInPeriod(c({ acceptedAt: '2026-03-02T00:00:00+08:00' }), day)).toEqual({
      accepted: true,
      completed: false,
      onTime: false,
    });
    expect(caseInPeriod(c({ acceptedAt: '2026-03-01T23:59:59+08:00' }), day).accepted).toBe(false);
    const done = caseInPeriod(
      c({ acceptedAt: '2026-03-01T09:00:00+08:00', closedAt: '2026-03-02T17:00:00+08:00' }),
      day,
    );
    expect(done).toEqual({ accepted: false, completed: true, onTime: true });
    expect(
      caseInPeriod(c({ acceptedAt: '2026-03-02T09:00:00+08:00', closedAt: '2026-03-03T00:00:00+08:00' }), day),
    ).toEqual({ accepted: true, completed: false, onTime: false });
  });

  it('counts 即办 among the accepted, and satisfied ratings default ones included', () => {
    const t = new CaseTally();
    const instant = c({
      acceptedAt: '2026-03-02T09:00:00+08:00',
      closedAt: '2026-03-02T09:00:00+08:00',
      instant: true,
    });
    t.addCase(instant, caseInPeriod(instant, day));
    const late = c({ acceptedAt: '2026-03-02T09:00:00+08:00', closedAt: '2026-03-02T18:00:00+08:00' });
    t.addCase(late, caseInPeriod(late, day));
    for (const level of ['basic', 'satisfied', 'dissatisfied'] as const) t.addRatingLevel(level);
    expect(t.rates()).toEqual({ instantRate: 0.5, onTimeRate: 0.5, satisfactionRate: 2 / 3 });
  });
});

import { describe, expect, it } from 'vitest';
import { WorkCalendar, chinaDate } from './working-days.js';

// 国庆 2026 as a calendar would publish it: 1–7 October off, Saturday 10 October worked.
const cal = new WorkCalendar([
  {
    holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })),
    workdays: ['2026-10-10'],
  },
]);

describe('WorkCalendar', () => {
  it('takes the China date of an instant, not the UTC one', () => {
    expect(chinaDate(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
  });

  it('rests on weekends and holidays and works on make-up days', () => {
    expect(cal.isWorkingDay('2026-09-30')).toBe(true);
    expect(cal.isWorkingDay('2026-10-05')).toBe(false); // Monday, holiday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up workday
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // Sunday
  });

  it('counts working days from the day after acceptance, skipping the holiday week', () => {
    const wednesday = new Date('2026-09-30T02:00:00Z'); // 10:00 in Beijing
    expect(cal.addWorkingDays(wednesday, 0)).toBe('2026-09-30');
    expect(cal.addWorkingDays(wednesday, 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays(wednesday, 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays(wednesday, 4)).toBe('2026-10-12');
    expect(cal.deadline(wednesday, 1)).toBe('2026-10-08T23:59:59+08:00');
  });

  it('counts working days between two instants', () => {
    expect(cal.workingDaysBetween(new Date('2026-09-30T02:00:00Z'), new Date('2026-10-12T02:00:00Z'))).toBe(4);
    expect(cal.workingDaysBetween(new Date('2026-10-12T02:00:00Z'), new Date('2026-09-30T02:00:00Z'))).toBe(0);
  });

  it('falls back to weekends for a year with no calendar', () => {
    const none = new WorkCalendar([]);
    expect(none.addWorkingDays(new Date('2031-01-03T02:00:00Z'), 1)).toBe('2031-01-06'); // Friday → Monday
  });
});

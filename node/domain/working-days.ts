import { chinaDate, type Calendar } from '../../sync/index.js';

export { chinaDate };

const DAY_MS = 86_400_000;

/** The last moment of a China date, as an ISO string with its +08:00 offset. */
export function endOfChinaDay(date: string): string {
  return `${date}T23:59:59+08:00`;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * Working-day arithmetic over the replicated calendars: weekends rest unless listed as make-up
 * workdays (调休), listed holidays rest whatever the weekday. Years without a calendar fall back
 * to plain weekends, so a missing year delays nothing by surprise holidays.
 */
export class WorkCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  /** Deadlines already counted, by start date and days: every case accepted today asks the same few. */
  private readonly counted = new Map<string, string>();

  constructor(calendars: readonly Pick<Calendar, 'holidays' | 'workdays'>[]) {
    for (const c of calendars) {
      for (const h of c.holidays) this.holidays.add(h.date);
      for (const w of c.workdays) this.workdays.add(w);
    }
  }

  isWorkingDay(date: string): boolean {
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The date `days` working days after the China date of `from` (the day itself not counted; 0 gives that day). */
  addWorkingDays(from: Date, days: number): string {
    const start = chinaDate(from);
    const key = `${start}+${days}`;
    const known = this.counted.get(key);
    if (known !== undefined) return known;
    let date = start;
    for (let left = days; left > 0; ) {
      date = nextDate(date);
      if (this.isWorkingDay(date)) left--;
    }
    // The calendar never changes under an instance (a new calendar makes a new one); a day asks a few keys.
    if (this.counted.size >= 1_000) this.counted.clear();
    this.counted.set(key, date);
    return date;
  }

  /** The deadline instant for a time limit of `days` working days counted from `from`. */
  deadline(from: Date, days: number): string {
    return endOfChinaDay(this.addWorkingDays(from, days));
  }

  /** Working days after the date of `from` up to and including the date of `to` (0 when `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    const end = chinaDate(to);
    let date = chinaDate(from);
    let n = 0;
    while (date < end) {
      date = nextDate(date);
      if (this.isWorkingDay(date)) n++;
    }
    return n;
  }
}

import { calendarDocId, type Actor, type Calendar } from '../../sync/index.js';
import { seedDoc } from './seed-doc.js';

/** One holiday period as the State Council notice states it: every day from `from` to `to` is off. */
type Period = { name: string; from: string; to: string };
type Year = { periods: Period[]; workdays: string[] };

/**
 * 2025 and 2026 follow the 国务院办公厅 notices on those years' holidays (the first under the 2024
 * revision of 《全国年节及纪念日放假办法》, which added 除夕 and 5月2日). 2027 is PROVISIONAL: no
 * notice had been published, so the periods are laid out by the same rules from the lunar dates
 * (除夕 2月5日, 春节 2月6日, 清明 4月5日, 端午 6月9日, 中秋 9月15日); replace it when the notice appears.
 */
const YEARS: Record<number, Year> = {
  2025: {
    periods: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    periods: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  2027: {
    periods: [
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-05', to: '2027-02-13' },
      { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
    ],
    workdays: ['2027-01-31', '2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09'],
  },
};

const DAY_MS = 86_400_000;

/** Every ISO date from `from` to `to`, both included. */
function daysOf({ from, to }: Period): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The working-day calendars for 2025–2027: public holidays and their make-up workdays (调休上班), as district `by`'s office publishes them. */
export function seedCalendars(by?: Actor): Calendar[] {
  return Object.entries(YEARS).map(([key, { periods, workdays }]) => {
    const year = Number(key);
    const holidays = periods.flatMap((p) => daysOf(p).map((date) => ({ date, name: p.name })));
    return seedDoc('calendar', calendarDocId(year), { year, holidays, workdays: [...workdays] }, by);
  });
}

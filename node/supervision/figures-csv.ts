import type { Figures } from './compute-figures.js';
import type { FigureRow } from './figure-tally.js';

const HEADER = [
  '分组',
  '名称',
  '受理件数',
  '办结件数',
  '即办件数',
  '即办率',
  '按时办结件数',
  '按时办结率',
  '超期件数',
  '平均办理工作日',
  '叫号人次',
  '平均等候分钟',
  '评价数',
  '其中默认评价',
  '非常满意',
  '满意',
  '基本满意',
  '不满意',
  '非常不满意',
  '满意率(不含默认)',
  '满意率(含默认)',
  '差评回访数',
  '回访超期数',
  '综合得分',
  '评价指标说明',
];

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet (=, +, -, @ at the start). */
function field(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(group: string, r: FigureRow): string {
  const l = r.levels;
  return [
    group,
    r.name,
    r.accepted,
    r.completed,
    r.instant,
    r.instantRate,
    r.onTime,
    r.onTimeRate,
    r.overdue,
    r.avgHandlingDays,
    r.tickets,
    r.avgWaitMinutes,
    r.ratings,
    r.defaultRatings,
    l?.['very-satisfied'] ?? null,
    l?.satisfied ?? null,
    l?.basic ?? null,
    l?.dissatisfied ?? null,
    l?.['very-dissatisfied'] ?? null,
    r.satisfactionRate,
    r.satisfactionRateWithDefaults,
    r.followUps,
    r.followUpsOverdue,
    r.score,
    r.ratingsWithheld,
  ]
    .map(field)
    .join(',');
}

/** The figures as CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel on a hall PC reads it as Chinese), one row per group and the total. */
export function figuresCsv(f: Figures): string {
  const rows = [HEADER.join(','), ...f.rows.map((r) => line(r.key, r)), line('合计', f.total)];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

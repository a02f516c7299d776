// 综合考评 on the dashboard: the totals as tiles, three SVG charts drawn by the node, the table per
// group, and the CSV download — all fetched with the signed-in user's token.
import type { Figures } from '../../supervision/compute-figures.js';
import type { FigureRow } from '../../supervision/figure-tally.js';
import type { ElementId } from '../ids/element-id.js';
import { SUPERVISION_PAGE as P } from '../ids/supervision-ids.js';
import { errorText, sessions } from './api.js';
import { clerkApi } from './clerk-session.js';
import { byId, fill, h, say } from './dom.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined ? '—' : Number(v).toFixed(digits);
/** A rating figure, or why it is withheld (样本不足 …). */
const rated = (r: FigureRow, shown: string) => (r.ratingsWithheld ? '样本不足' : shown);
/** The score: shown whenever the node gives it (one of cases and queue alone is everyone's), else why not. */
const scored = (r: FigureRow) => (r.score === null ? rated(r, '—') : num(r.score, 1));

function tile(label: string, value: string, note?: string): HTMLElement {
  return h(
    'div',
    { class: 'tile' },
    h('strong', {}, label),
    h('span', { class: 'stat' }, value),
    note ? h('span', {}, note) : null,
  );
}

function totals(t: FigureRow): void {
  fill(
    byId(P.svTotals),
    tile('综合得分', scored(t), '满分 100'),
    tile('受理 / 办结', `${t.accepted} / ${t.completed}`, '件'),
    tile('即办率', pct(t.instantRate), `即办 ${t.instant} 件`),
    tile(
      '按时办结率',
      pct(t.onTimeRate),
      `应办结 ${t.completed + t.overdueOpen} 件，按时 ${t.onTime} 件；超期未办结 ${t.overdueOpen} 件`,
    ),
    tile(
      '满意率（含默认）',
      rated(t, pct(t.satisfactionRateWithDefaults)),
      t.ratingsWithheld ?? `评价 ${t.ratings} 条，默认 ${t.defaultRatings} 条`,
    ),
    tile(
      '满意率（不含默认）',
      rated(t, pct(t.satisfactionRate)),
      t.ratingsWithheld ?? `差评回访超期 ${t.followUpsOverdue} 条`,
    ),
    tile('平均办理', num(t.avgHandlingDays, 1), '个工作日（不含补正等待）'),
    tile('平均等候', num(t.avgWaitMinutes, 1), `分钟，叫号 ${t.tickets} 人次`),
  );
}

function table(rows: FigureRow[], total: FigureRow): void {
  const line = (r: FigureRow, cls?: string) =>
    h(
      'tr',
      { class: cls },
      h('th', { scope: 'row' }, r.name),
      h('td', { class: 'num' }, String(r.accepted)),
      h('td', { class: 'num' }, String(r.completed)),
      h('td', { class: 'num' }, pct(r.instantRate)),
      h('td', { class: 'num' }, pct(r.onTimeRate)),
      h('td', { class: 'num' }, String(r.overdue)),
      h('td', { class: 'num' }, num(r.avgHandlingDays, 2)),
      h('td', { class: 'num' }, num(r.avgWaitMinutes, 1)),
      h('td', { class: 'num', title: r.ratingsWithheld ?? '' }, rated(r, pct(r.satisfactionRate))),
      h('td', { class: 'num', title: r.ratingsWithheld ?? '' }, rated(r, pct(r.satisfactionRateWithDefaults))),
      h('td', { class: 'num' }, rated(r, num(r.followUpsOverdue))),
      h('td', { class: 'num sv-score' }, scored(r)),
    );
  fill(
    byId(P.svRows),
    rows.length
      ? rows.map((r) => line(r))
      : h('tr', {}, h('td', { colspan: '12', class: 'muted' }, '统计期内没有数据。')),
    line(total, 'sv-total'),
  );
}

const withToken = () => ({
  headers: { authorization: `Bearer ${sessions.clerk.get()?.token ?? ''}` },
  cache: 'no-store' as const,
});

/** Puts a node-drawn SVG into the page as a DOM tree (never as HTML text). */
async function chart(id: ElementId, params: string, name: string): Promise<void> {
  const box = byId(id);
  box.setAttribute('aria-busy', 'true');
  const res = await fetch(`/api/supervision/figures.svg?${params}&chart=${name}`, withToken());
  if (!res.ok) {
    fill(box, h('p', { class: 'muted' }, '图表暂不可用'));
    return;
  }
  const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') {
    fill(box, h('p', { class: 'muted' }, '图表暂不可用'));
    return;
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  fill(box, document.importNode(svg, true));
  box.setAttribute('aria-busy', 'false');
}

/** Loads the figures, charts and table for the period and grouping in `params`. */
export async function loadFigures(params: string): Promise<void> {
  const answer = await clerkApi<Figures>(`/api/supervision/figures?${params}`);
  if (!answer.ok) return say(byId(P.svMsg), errorText(answer));
  // Rating figures withheld from this caller: say why, once, above the figures.
  const why =
    answer.body.total.ratingsWithheld ??
    (answer.body.rows.some((r) => r.ratingsWithheld) ? '评价不足 5 条的分组显示“样本不足”' : '');
  say(byId(P.svMsg), why && `评价类指标：${why}。单条评价仅效能监察人员可见。`, 'info');
  totals(answer.body.total);
  table(answer.body.rows, answer.body.total);
  // A chart of nothing but dashes reads as broken: say why there is nothing to draw instead.
  const rows = answer.body.rows;
  const blank = (id: ElementId, text: string) => {
    fill(byId(id), h('p', { class: 'muted chart-empty' }, text));
    byId(id).setAttribute('aria-busy', 'false');
  };
  await Promise.all([
    rows.length === 0 ? blank(P.chartScore, '统计期内没有办件，暂无综合得分。') : chart(P.chartScore, params, 'score'),
    rows.length === 0 ? blank(P.chartRates, '统计期内没有办件，暂无各组比率。') : chart(P.chartRates, params, 'rates'),
    chart(P.chartDaily, params, 'daily'),
  ]);
}

/** Downloads the figures as CSV (the file the node writes, with the user's token). */
export async function downloadCsv(params: string): Promise<void> {
  const res = await fetch(`/api/supervision/figures.csv?${params}`, withToken());
  if (!res.ok) return say(byId(P.svMsg), `导出失败（${res.status}）`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'figures.csv';
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

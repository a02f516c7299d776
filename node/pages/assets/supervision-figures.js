// 综合考评 on the dashboard: the totals as tiles, three SVG charts drawn by the node, the table per
// group, and the CSV download — all fetched with the signed-in user's token.
import { byId, errorText, fill, h, say, sessions } from './common.js';
import { clerkApi } from './clerk-session.js';

const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v, digits = 0) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits));

function tile(label, value, note) {
  return h('div', { class: 'tile' }, h('strong', {}, label), h('span', { class: 'stat' }, value), note ? h('span', {}, note) : null);
}

function totals(t) {
  fill(
    byId('sv-totals'),
    tile('综合得分', num(t.score, 1), '满分 100'),
    tile('受理 / 办结', `${t.accepted} / ${t.completed}`, '件'),
    tile('即办率', pct(t.instantRate), `即办 ${t.instant} 件`),
    tile('按时办结率', pct(t.onTimeRate), `超期 ${t.overdue} 件`),
    tile('满意率（含默认）', pct(t.satisfactionRateWithDefaults), `评价 ${t.ratings} 条，默认 ${t.defaultRatings} 条`),
    tile('满意率（不含默认）', pct(t.satisfactionRate), `差评回访超期 ${t.followUpsOverdue} 条`),
    tile('平均办理', num(t.avgHandlingDays, 1), '个工作日（不含补正等待）'),
    tile('平均等候', num(t.avgWaitMinutes, 1), `分钟，叫号 ${t.tickets} 人次`),
  );
}

function table(rows, total) {
  const line = (r, cls) =>
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
      h('td', { class: 'num' }, pct(r.satisfactionRate)),
      h('td', { class: 'num' }, pct(r.satisfactionRateWithDefaults)),
      h('td', { class: 'num' }, String(r.followUpsOverdue)),
      h('td', { class: 'num sv-score' }, num(r.score, 1)),
    );
  fill(byId('sv-rows'), rows.length ? rows.map((r) => line(r)) : h('tr', {}, h('td', { colspan: '12', class: 'muted' }, '统计期内没有数据。')), line(total, 'sv-total'));
}

/** Puts a node-drawn SVG into the page as a DOM tree (never as HTML text). */
async function chart(id, params, name) {
  const box = byId(id);
  box.setAttribute('aria-busy', 'true');
  const res = await fetch(`/api/supervision/figures.svg?${params}&chart=${name}`, { headers: { authorization: `Bearer ${sessions.clerk.get()?.token ?? ''}` }, cache: 'no-store' });
  if (!res.ok) return fill(box, h('p', { class: 'muted' }, '图表暂不可用'));
  const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') return fill(box, h('p', { class: 'muted' }, '图表暂不可用'));
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  fill(box, document.importNode(svg, true));
  box.setAttribute('aria-busy', 'false');
}

/** Loads the figures, charts and table for the period and grouping in `params`. */
export async function loadFigures(params) {
  const answer = await clerkApi(`/api/supervision/figures?${params}`);
  if (!answer.ok) return say(byId('sv-msg'), errorText(answer));
  say(byId('sv-msg'), '');
  totals(answer.body.total);
  table(answer.body.rows, answer.body.total);
  await Promise.all([chart('chart-score', params, 'score'), chart('chart-rates', params, 'rates'), chart('chart-daily', params, 'daily')]);
}

/** Downloads the figures as CSV (the file the node writes, with the user's token). */
export async function downloadCsv(params) {
  const res = await fetch(`/api/supervision/figures.csv?${params}`, { headers: { authorization: `Bearer ${sessions.clerk.get()?.token ?? ''}` }, cache: 'no-store' });
  if (!res.ok) return say(byId('sv-msg'), `导出失败（${res.status}）`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'figures.csv';
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

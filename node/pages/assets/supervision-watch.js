// 效能监察 on the dashboard: every open case's light per hall with the yellow and red ones, and the
// single ratings with their follow-ups, answered here (supervision.view only).
import { CONFIG, byId, errorText, fill, fmtDateTime, h, lightBadge, say } from './common.js';
import { clerkApi } from './clerk-session.js';

const FOLLOW_UP = { none: '—', open: '待回访', overdue: '回访超期', answered: '已回访', 'answered-late': '逾期回访' };
const CHANNEL = { device: '评议器', sms: '短信', online: '网上', default: '默认' };

/** The lights of every open case held here, per accepting hall. */
export async function loadLights(org) {
  const answer = await clerkApi(`/api/supervision/lights${org ? `?org=${encodeURIComponent(org)}` : ''}`);
  if (!answer.ok) return;
  const { totals, halls, items } = answer.body;
  fill(byId('sv-light-totals'), ['green', 'yellow', 'red'].map((l) => h('span', { class: 'sv-light-total' }, lightBadge(l), ` ${totals[l]} 件`)));
  fill(
    byId('sv-light-halls'),
    halls.length
      ? halls.map((x) => h('tr', {}, h('th', { scope: 'row' }, x.name), h('td', { class: 'num' }, String(x.green)), h('td', { class: 'num' }, String(x.yellow)), h('td', { class: 'num' }, String(x.red))))
      : h('tr', {}, h('td', { colspan: '4', class: 'muted' }, '没有办理中的办件。')),
  );
  fill(
    byId('sv-watched'),
    items.length
      ? items.slice(0, 50).map((c) => h('li', {}, lightBadge(c.light), h('span', { class: 'result-name' }, c.matterName, h('small', { class: 'muted' }, ` ${c.queryCode} · ${c.applicantName}`)), h('span', { class: 'muted' }, `${c.hallName} · ${c.clerk} · 承诺 ${fmtDateTime(c.promisedBy)}`)))
      : h('li', { class: 'muted' }, '没有黄灯或红灯办件。'),
  );
}

function answerForm(item, reload) {
  const id = `answer-${item.id.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const form = h(
    'form',
    { class: 'sv-answer' },
    h('label', { for: id, class: 'visually-hidden' }, '回访答复'),
    h('input', { type: 'text', id, maxlength: '1000', placeholder: '回访情况及整改答复' }),
    h('button', { type: 'submit' }, '答复'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const answer = await clerkApi('/api/supervision/follow-ups', { method: 'POST', body: { ratingId: item.id, answer: form.querySelector('input').value } });
    if (!answer.ok) return say(byId('sv-msg'), errorText(answer));
    await reload();
  });
  return form;
}

function followUpCell(item, reload) {
  if (item.followUp === 'none') return h('td', {}, '—');
  const status = h('span', { class: `sv-follow sv-follow-${item.followUp}` }, FOLLOW_UP[item.followUp]);
  if (item.answer) return h('td', {}, status, h('div', { class: 'muted' }, `${item.answer.text}（${item.answer.by}，${fmtDateTime(item.answer.at)}）`));
  return h('td', {}, status, h('div', { class: 'muted' }, `须于 ${fmtDateTime(item.followUpBy)} 前答复`), answerForm(item, reload));
}

/** The single ratings of the period, with the filters of the ratings form. */
export async function loadRatings(params) {
  const form = byId('sv-rating-filter');
  const q = new URLSearchParams(params);
  for (const name of ['level', 'followUp']) {
    const v = form.elements[name].value;
    if (v) q.set(name, v);
  }
  q.delete('by');
  q.set('limit', '100');
  const answer = await clerkApi(`/api/supervision/ratings?${q}`);
  if (!answer.ok) return;
  const reload = () => loadRatings(params);
  fill(
    byId('sv-ratings'),
    answer.body.items.length
      ? answer.body.items.map((r) =>
          h(
            'tr',
            { class: `sv-rating sv-rating-${r.level}` },
            h('td', {}, fmtDateTime(r.ratedAt)),
            h('td', {}, r.title, r.queryCode ? h('div', { class: 'muted' }, r.queryCode) : null),
            h('td', {}, r.hallName),
            h('td', {}, r.clerk),
            h('td', {}, h('strong', {}, CONFIG.levels[r.level] ?? r.level), h('div', { class: 'muted' }, CHANNEL[r.channel] ?? r.channel)),
            h('td', {}, r.comment ?? ''),
            followUpCell(r, reload),
          ),
        )
      : h('tr', {}, h('td', { colspan: '7', class: 'muted' }, '统计期内没有符合条件的评价。')),
  );
}

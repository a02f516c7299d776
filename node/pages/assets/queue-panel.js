// 叫号面板: the clerk's window. Open one, call, recall, no-show, transfer, park/resume, finish,
// close; every window's state and today's figures, kept current from the screen feed.
import { api, byId, errorText, fill, fmtDateTime, h, maskId, say } from './common.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const VIA = { 'id-card': '身份证', phone: '手机号', 'walk-in': '直接取号' };
const ACTED = { recall: '已重呼', 'no-show': '已记为过号，办事人可在规定时间内补号', park: '已暂挂', finish: '已办结', transfer: '已转窗口', resume: '已恢复办理' };
let me;
let mine;
let reasons = new Map();
let reloadTimer;
let following = false;

const minutes = (ms) => (ms === null || ms === undefined ? '—' : ms < 60_000 ? '不到 1 分钟' : `${Math.round(ms / 60_000)} 分钟`);
const msg = (text, kind = 'error') => say(byId('queue-msg'), text, kind);

function laneText(t) {
  if (t.lane === 'appointment') return `预约 ${fmtDateTime(t.appointment?.slot).slice(-5)}`;
  if (t.lane === 'priority') return `优先（${reasons.get(t.priority) ?? t.priority}）`;
  return '普通';
}

function renderMine(w, all) {
  byId('mine-card').hidden = false;
  byId('open-card').hidden = true;
  byId('mine-title').textContent = `${w.name}（已开启）`;
  byId('mine-waiting').textContent = `本窗口等候 ${w.waiting} 人`;
  byId('mine-categories').textContent = `办理类别：${w.categoryNames.join('、')}`;
  const t = w.serving;
  byId('serving-number').textContent = t ? t.number : '—';
  const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId('serving-facts'),
    t
      ? [
          fact('业务类别', t.categoryName),
          fact('排队类型', laneText(t)),
          fact('取号方式', VIA[t.via] ?? t.via),
          t.idNumber ? fact('身份证号', maskId(t.idNumber)) : null,
          t.phone ? fact('手机号码', `${t.phone.slice(0, 3)}****${t.phone.slice(-4)}`) : null,
          fact('叫号时间', fmtDateTime(t.calledAt)),
          fact('等候时长', minutes(t.waitMs)),
          t.recalls ? fact('重呼次数', String(t.recalls)) : null,
        ]
      : h('dd', { class: 'muted' }, '当前没有办理中的号，请点“呼叫下一位”。'),
  );
  byId('call-next').disabled = Boolean(t);
  for (const b of document.querySelectorAll('[data-act]')) b.disabled = !t;
  const others = all.filter((o) => o.id !== w.id && o.open);
  fill(byId('transfer-to'), others.length ? others.map((o) => h('option', { value: o.id }, `${o.name}（${o.categoryNames.join('、')}）`)) : h('option', { value: '' }, '没有其他开放的窗口'));
  byId('transfer-to').disabled = !t || !others.length;
  byId('transfer-button').disabled = !t || !others.length;
  fill(
    byId('parked'),
    w.parked.map((p) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, `${p.number} · ${p.categoryName}`),
        h('button', { type: 'button', class: 'secondary', disabled: Boolean(t), 'aria-label': `恢复办理 ${p.number}`, onclick: () => act('resume', { ticketId: p.id }) }, '恢复办理'),
      ),
    ),
  );
  byId('parked-empty').hidden = w.parked.length > 0;
}

function renderOpen(all) {
  byId('mine-card').hidden = true;
  byId('open-card').hidden = false;
  byId('open-empty').hidden = all.length > 0;
  fill(
    byId('open-list'),
    all.map((w) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, w.name, h('span', { class: 'muted' }, ` · ${w.categoryNames.join('、')}`)),
        w.open ? h('span', { class: 'muted' }, `${w.clerk?.name ?? w.clerk?.id} 已开启`) : h('button', { type: 'button', 'data-window': w.id, 'aria-label': `开启${w.name}`, onclick: () => openWindow(w.id) }, '开启'),
      ),
    ),
  );
}

function renderWindows(all) {
  fill(
    byId('windows-body'),
    all.map((w) =>
      h(
        'tr',
        {},
        h('td', { class: 'nowrap' }, w.name),
        h('td', {}, w.categoryNames.join('、')),
        h('td', { class: 'nowrap' }, w.open ? h('span', { class: 'status status-completed' }, `开放 · ${w.clerk?.name ?? w.clerk?.id ?? ''}`) : h('span', { class: 'muted' }, '关闭')),
        h('td', { class: 'serving-cell' }, w.serving?.number ?? (w.open ? '空闲' : '—')),
        h('td', { class: 'num' }, String(w.waiting)),
      ),
    ),
  );
}

function renderStats(s) {
  byId('stats-summary').textContent = `今日取号 ${s.issued} 个，正在等候 ${s.waiting} 人，平均等候 ${minutes(s.averageWaitMs)}，平均办理 ${minutes(s.averageServeMs)}。`;
  fill(
    byId('stats-body'),
    s.categories.map((c) =>
      h('tr', {}, h('td', {}, `${c.letter} ${c.name}`), h('td', { class: 'num' }, String(c.waiting)), h('td', { class: 'num' }, String(c.issued)), h('td', { class: 'num' }, String(c.finished)), h('td', { class: 'num' }, String(c.noShows)), h('td', { class: 'num' }, minutes(c.averageWaitMs))),
    ),
  );
}

async function load() {
  const [windows, stats] = await Promise.all([clerkApi('/api/queue/windows'), clerkApi('/api/queue/stats')]);
  if (!windows.ok) return msg(errorText(windows));
  const all = windows.body.items;
  mine = all.find((w) => w.open && w.clerk?.id === me.account);
  if (mine) renderMine(mine, all);
  else renderOpen(all);
  renderWindows(all);
  if (stats.ok) renderStats(stats.body);
}
function loadSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(load, 300);
}

async function openWindow(id) {
  const answer = await clerkApi(`/api/queue/windows/${encodeURIComponent(id)}/open`, { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${answer.body.name}已开启，可以叫号。`, 'ok');
  await load();
  byId('call-next').focus();
}

async function callNext() {
  const answer = await clerkApi(`/api/queue/windows/${encodeURIComponent(mine.id)}/call`, { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  msg(answer.body.ticket ? `已呼叫 ${answer.body.ticket.number}，叫号屏已显示，办事人将收到短信。` : '暂无等候本窗口的号。', answer.body.ticket ? 'ok' : 'info');
  await load();
}

async function act(kind, body) {
  const answer = await clerkApi(`/api/queue/windows/${encodeURIComponent(mine.id)}/${kind}`, { method: 'POST', ...(body ? { body } : {}) });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${answer.body.number} ${ACTED[kind]}`, 'ok');
  await load();
}

byId('call-next').addEventListener('click', () => void callNext());
for (const b of document.querySelectorAll('[data-act]')) b.addEventListener('click', () => void act(b.dataset.act));
byId('transfer-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const to = byId('transfer-to').value;
  if (to) void act('transfer', { to });
});
byId('close-window').addEventListener('click', async () => {
  if (!confirm(`确定关闭${mine.name}？`)) return;
  const answer = await clerkApi(`/api/queue/windows/${encodeURIComponent(mine.id)}/close`, { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${answer.body.name}已关闭。`, 'ok');
  await load();
});

requireClerk(async (session) => {
  me = session.staff;
  byId('setup-link').hidden = !me.roles?.includes('director');
  const cats = await api('/api/queue/categories');
  if (cats.ok) reasons = new Map(cats.body.priorityReasons.map((r) => [r.id, r.name]));
  await load();
  if (following) return;
  following = true;
  // The hall's screen feed says when anything changed: a ticket issued, another window's call.
  const source = new EventSource('/api/queue/screen/stream');
  source.addEventListener('message', loadSoon);
  for (const kind of ['issued', 'called', 'recalled', 'resumed', 'transferred', 'parked', 'no-show', 'finished', 'reissued', 'window-opened', 'window-closed']) source.addEventListener(kind, loadSoon);
});

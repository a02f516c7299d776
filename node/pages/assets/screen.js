// 叫号屏: the snapshot, then the live feed (SSE). A call shows at once, big; the rest of the
// picture (windows, waiting counts) is fetched again shortly after any change. No sound.
import { api, byId, fill, h } from './common.js';

const CALLS = new Set(['called', 'recalled', 'resumed']);
const KIND = { called: '', recalled: '重呼', resumed: '请回窗口' };
const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
const time = (iso) => TIME.format(new Date(iso));

let calls = [];
let refreshTimer;

function showNow() {
  const [now, ...earlier] = calls;
  byId('now-number').textContent = now ? now.number : '—';
  byId('now-window').textContent = now ? now.windowName : '请等候叫号';
  byId('now-kind').textContent = now ? KIND[now.kind] ?? '' : '';
  fill(
    byId('next-calls'),
    earlier.slice(0, 3).map((c) => h('li', {}, h('span', { class: 'screen-next-number' }, c.number), h('span', { 'aria-hidden': 'true' }, ' → '), h('span', {}, c.windowName))),
  );
  fill(
    byId('recent'),
    calls.slice(0, 10).map((c) => h('tr', {}, h('td', { class: 'screen-num' }, c.number), h('td', {}, c.windowName, KIND[c.kind] ? `（${KIND[c.kind]}）` : ''), h('td', {}, time(c.at)))),
  );
}

function render(snap) {
  calls = snap.recentCalls.filter((c) => CALLS.has(c.kind));
  showNow();
  const open = snap.windows.filter((w) => w.open);
  fill(
    byId('windows'),
    open.length
      ? open.map((w) => h('li', {}, h('span', { class: 'screen-window-name' }, w.name), h('span', { class: 'screen-window-serving' }, w.serving ?? '空闲')))
      : h('li', { class: 'screen-empty' }, '暂无开放窗口'),
  );
  fill(
    byId('waiting'),
    snap.waiting.map((c) => h('li', {}, h('span', { class: 'screen-letter', 'aria-hidden': 'true' }, c.letter), h('span', { class: 'screen-cat' }, c.name), h('span', { class: 'screen-count' }, `${c.waiting} 人`))),
  );
}

async function refresh() {
  const answer = await api('/api/queue/screen');
  if (answer.ok) render(answer.body);
}
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 400);
}

/** A new call: big at once, with a brief highlight (no sound, no blinking for reduced motion). */
function announce(e) {
  calls = [e, ...calls.filter((c) => !(c.number === e.number && c.at === e.at))];
  showNow();
  const box = byId('now-call');
  box.classList.remove('is-new');
  void box.offsetWidth;
  box.classList.add('is-new');
}

function connect() {
  const link = byId('screen-link');
  const source = new EventSource('/api/queue/screen/stream');
  source.addEventListener('open', () => {
    link.textContent = '实时';
    link.classList.remove('is-down');
  });
  source.addEventListener('error', () => {
    link.textContent = '连接中断，正在重连…';
    link.classList.add('is-down');
  });
  source.addEventListener('snapshot', (m) => render(JSON.parse(m.data)));
  for (const kind of ['issued', 'called', 'recalled', 'resumed', 'transferred', 'parked', 'no-show', 'finished', 'reissued', 'window-opened', 'window-closed']) {
    source.addEventListener(kind, (m) => {
      const e = JSON.parse(m.data);
      if (CALLS.has(e.kind)) announce(e);
      refreshSoon();
    });
  }
}

connect();

// 叫号屏: the snapshot, then the live feed (SSE). A call shows at once, big; the rest of the
// picture (windows, waiting counts) is fetched again shortly after any change. No sound.
import { SCREEN_EVENT_KINDS } from '../../queue/queue-state.js';
import { CALLING_SCREEN_PAGE as P } from '../ids/floor-ids.js';
import { api } from './api.js';
import { byId, fill, h } from './dom.js';
import { liveFeed, type FeedEvents, type FeedHandlers } from './live-feed.js';
import type { ScreenEvent, ScreenSnapshot } from './queue-types.js';

type Call = Pick<ScreenEvent, 'number' | 'windowId' | 'windowName' | 'at' | 'kind'>;

const CALLS: ReadonlySet<ScreenEvent['kind']> = new Set(['called', 'recalled', 'resumed']);
const KIND: Partial<Record<ScreenEvent['kind'], string>> = { called: '', recalled: '重呼', resumed: '请回窗口' };
const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const time = (iso: string) => TIME.format(new Date(iso));

let calls: Call[] = [];
/** The number each window serves now: a call stays 正在叫号 only while its window still serves it (not once missed or done). */
let serving = new Map<string, string>();
const current = (c: Call) => c.windowId !== undefined && serving.get(c.windowId) === c.number;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function showNow(): void {
  const [now, ...earlier] = calls.filter(current);
  byId(P.nowNumber).textContent = now?.number ?? '—';
  byId(P.nowWindow).textContent = now ? (now.windowName ?? '') : '请等候叫号';
  byId(P.nowKind).textContent = now ? (KIND[now.kind] ?? '') : '';
  fill(
    byId(P.nextCalls),
    earlier
      .slice(0, 3)
      .map((c) =>
        h(
          'li',
          {},
          h('span', { class: 'screen-next-number' }, c.number),
          h('span', { 'aria-hidden': 'true' }, ' → '),
          h('span', {}, c.windowName),
        ),
      ),
  );
  fill(
    byId(P.recent),
    calls
      .slice(0, 10)
      .map((c) =>
        h(
          'tr',
          {},
          h('td', { class: 'screen-num' }, c.number),
          h('td', {}, c.windowName, KIND[c.kind] ? `（${KIND[c.kind]}）` : ''),
          h('td', {}, time(c.at)),
        ),
      ),
  );
}

function render(snap: ScreenSnapshot): void {
  calls = snap.recentCalls.filter((c) => CALLS.has(c.kind));
  const open = snap.windows.filter((w) => w.open);
  serving = new Map(open.flatMap((w) => (w.serving ? [[w.id, w.serving]] : [])));
  showNow();
  fill(
    byId(P.windows),
    open.length
      ? open.map((w) =>
          h(
            'li',
            {},
            h('span', { class: 'screen-window-name' }, w.name),
            h('span', { class: 'screen-window-serving' }, w.serving ?? '空闲'),
          ),
        )
      : h('li', { class: 'screen-empty' }, '暂无开放窗口'),
  );
  fill(
    byId(P.waiting),
    snap.waiting.map((c) =>
      h(
        'li',
        {},
        h('span', { class: 'screen-letter', 'aria-hidden': 'true' }, c.letter),
        h('span', { class: 'screen-cat' }, c.name),
        h('span', { class: 'screen-count' }, `${c.waiting} 人`),
      ),
    ),
  );
}

async function refresh(): Promise<void> {
  const answer = await api<ScreenSnapshot>('/api/queue/screen');
  if (answer.ok) render(answer.body);
}
function refreshSoon(): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 400);
}

/** A new call: big at once, with a brief highlight (no sound, no blinking for reduced motion). */
function announce(e: Call): void {
  calls = [e, ...calls.filter((c) => !(c.number === e.number && c.at === e.at))];
  if (e.windowId && e.number) serving.set(e.windowId, e.number);
  showNow();
  const box = byId(P.nowCall);
  box.classList.remove('is-new');
  void box.offsetWidth;
  box.classList.add('is-new');
}

type ScreenFeed = FeedEvents<ScreenSnapshot, ScreenEvent>;
const handlers: FeedHandlers<ScreenFeed> = { snapshot: render };
for (const kind of SCREEN_EVENT_KINDS) {
  handlers[kind] = (e: ScreenEvent) => {
    if (CALLS.has(e.kind)) announce(e);
    else if (e.windowId && serving.get(e.windowId) === e.number) {
      // Missed, finished, parked or moved on: off the 正在叫号 box at once, before the refresh.
      serving.delete(e.windowId);
      showNow();
    }
    refreshSoon();
  };
}
liveFeed('/api/queue/screen/stream', handlers, { node: byId(P.screenLink), live: '实时' });

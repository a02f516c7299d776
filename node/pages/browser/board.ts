// 红绿灯督办屏: the snapshot, then each case turning yellow, red or leaving (SSE). Rows that do not
// fit are shown page by page. Time left is counted on the node's clock, not this screen's.
import type { BoardEntry } from '../../supervision/board-entry.js';
import type { BoardEvent, BoardSnapshot } from '../../supervision/board-feed.js';
import { BOARD_PAGE as P } from '../ids/supervision-ids.js';
import { byId, fill, h } from './dom.js';
import { liveFeed, type FeedEvents } from './live-feed.js';

const PAGE_MS = 10_000;
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const entries = new Map<string, BoardEntry>();
const fresh = new Set<string>();
let skew = 0;
let page = 0;

const nodeNow = () => Date.now() + skew;
const setClock = (serverIso: string) => {
  skew = Date.parse(serverIso) - Date.now();
};

/** Time left (whole minutes, rounded up) or overdue (rounded down), in days and hours beyond a day. */
function left(promisedBy: string): string {
  const ms = Date.parse(promisedBy) - nodeNow();
  const minutes = ms >= 0 ? Math.ceil(ms / 60_000) : Math.floor(-ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const text = hours >= 24 ? `${Math.floor(hours / 24)} 天 ${hours % 24} 小时` : `${hours} 小时 ${minutes % 60} 分`;
  return ms < 0 ? `已超期 ${text}` : `剩余 ${text}`;
}

function sorted(): BoardEntry[] {
  return [...entries.values()].sort((a, b) =>
    a.light !== b.light
      ? a.light === 'red'
        ? -1
        : 1
      : a.promisedBy < b.promisedBy
        ? -1
        : a.promisedBy > b.promisedBy
          ? 1
          : 0,
  );
}

/** How many rows fit below the header on this screen. */
function perPage(): number {
  const table = byId(P.boardRows).closest('table');
  const footer = document.querySelector<HTMLElement>('.screen-footer');
  const room = window.innerHeight - (table?.getBoundingClientRect().top ?? 0) - (footer?.offsetHeight ?? 0) - 16;
  const row = parseFloat(getComputedStyle(document.body).fontSize) * 2.6;
  return Math.max(3, Math.floor(room / row) - 1);
}

function render(): void {
  const all = sorted();
  byId(P.countRed).textContent = String(all.filter((e) => e.light === 'red').length);
  byId(P.countYellow).textContent = String(all.filter((e) => e.light === 'yellow').length);
  const size = perPage();
  const pages = Math.max(1, Math.ceil(all.length / size));
  page %= pages;
  byId(P.boardPage).textContent = pages > 1 ? `第 ${page + 1}/${pages} 页` : '';
  byId(P.boardEmpty).hidden = all.length > 0;
  fill(
    byId(P.boardRows),
    all.slice(page * size, page * size + size).map((e) =>
      h(
        'tr',
        {
          class: `board-row board-${e.light}${fresh.has(e.id) ? ' is-new' : ''}`,
          'data-id': e.id,
          'data-light': e.light,
        },
        h('td', {}, h('span', { class: `board-light board-light-${e.light}` }, e.light === 'red' ? '红灯' : '黄灯')),
        h('td', { class: 'board-matter' }, e.matterName),
        h('td', { class: 'board-code' }, e.code),
        h('td', {}, e.applicant),
        h('td', {}, e.holderName === e.hallName ? e.hallName : `${e.hallName} → ${e.holderName}`),
        h('td', { class: 'board-time' }, DATE_TIME.format(new Date(e.promisedBy))),
        h('td', { class: 'board-left' }, left(e.promisedBy)),
      ),
    ),
  );
  fresh.clear();
}

liveFeed<FeedEvents<BoardSnapshot, BoardEvent>>(
  '/api/board/stream',
  {
    snapshot: (snap) => {
      setClock(snap.at);
      entries.clear();
      for (const e of snap.items) entries.set(e.id, e);
      render();
    },
    light: (e) => {
      setClock(e.at);
      if (e.entry) {
        entries.set(e.id, e.entry);
        fresh.add(e.id);
      } else entries.delete(e.id);
      render();
    },
  },
  { node: byId(P.boardLink), live: '实时' },
);

setInterval(() => {
  page += 1;
  render();
}, PAGE_MS);
window.addEventListener('resize', render);

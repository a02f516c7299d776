// 叫号面板: the clerk's window. Open one, call, recall, no-show, transfer, park/resume, finish,
// close; every window's state and today's figures, kept current from the screen feed.
import { SCREEN_EVENT_KINDS } from '../../queue/queue-state.js';
import type { WindowAction } from '../../queue/window-action.js';
import { QUEUE_PANEL_PAGE as P } from '../ids/floor-ids.js';
import { api, errorText, type ClerkSession } from './api.js';
import { clerkApi, clerkRights, requireClerk } from './clerk-session.js';
import { byId, fill, h, say, type MessageKind } from './dom.js';
import { fmtDateTime, maskId } from './formats.js';
import { liveFeed, type FeedEvents, type FeedHandlers } from './live-feed.js';
import type { ClerkTicket, QueueStats, QueueWindow, ScreenEvent, ScreenSnapshot } from './queue-types.js';
import { servedText } from './window-served.js';

type Action = WindowAction['kind'];

const VIA: Record<ClerkTicket['via'], string> = { 'id-card': '身份证', phone: '手机号', 'walk-in': '直接取号' };
const ACTED: Record<Action, string> = {
  recall: '已重呼',
  'no-show': '已记为过号，办事人可在规定时间内补号',
  park: '已暂挂',
  finish: '已办结',
  transfer: '已转窗口',
  resume: '已恢复办理',
};
const ACTION_BUTTONS = [
  ['recall', P.actRecall],
  ['no-show', P.actNoShow],
  ['park', P.actPark],
  ['finish', P.actFinish],
] as const;
let me: ClerkSession['staff'] | undefined;
let mine: QueueWindow | undefined;
let reasons = new Map<string, string>();
let reloadTimer: ReturnType<typeof setTimeout> | undefined;
let following = false;

const minutes = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : ms < 60_000 ? '不到 1 分钟' : `${Math.round(ms / 60_000)} 分钟`;
const msg = (text: string, kind: MessageKind = 'error') => say(byId(P.queueMsg), text, kind);

function laneText(t: ClerkTicket): string {
  if (t.lane === 'appointment') return `预约 ${fmtDateTime(t.appointment?.slot).slice(-5)}`;
  if (t.lane === 'priority') return `优先（${(t.priority && reasons.get(t.priority)) ?? t.priority}）`;
  return '普通';
}

function renderMine(w: QueueWindow, all: QueueWindow[]): void {
  byId(P.mineCard).hidden = false;
  byId(P.openCard).hidden = true;
  byId(P.mineTitle).textContent = `${w.name}（已开启）`;
  byId(P.mineWaiting).textContent = `本窗口等候 ${w.waiting} 人`;
  byId(P.mineCategories).textContent = `办理类别：${servedText(w, hallCategories)}`;
  const t = w.serving;
  byId(P.servingNumber).textContent = t ? t.number : '—';
  const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId(P.servingFacts),
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
  byId(P.callNext).disabled = Boolean(t);
  for (const [, id] of ACTION_BUTTONS) byId(id).disabled = !t;
  const others = all.filter((o) => o.id !== w.id && o.open);
  fill(
    byId(P.transferTo),
    others.length
      ? others.map((o) => h('option', { value: o.id }, `${o.name}（${servedText(o, hallCategories)}）`))
      : h('option', { value: '' }, '没有其他开放的窗口'),
  );
  byId(P.transferTo).disabled = !t || !others.length;
  byId(P.transferButton).disabled = !t || !others.length;
  fill(
    byId(P.parked),
    w.parked.map((p) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, `${p.number} · ${p.categoryName}`),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            disabled: Boolean(t),
            'aria-label': `恢复办理 ${p.number}`,
            onclick: () => void act('resume', { ticketId: p.id }),
          },
          '恢复办理',
        ),
      ),
    ),
  );
  byId(P.parkedEmpty).hidden = w.parked.length > 0;
}

/** Whether the account opens a window and calls (POST …/open is a window clerk's alone). */
const calls = () => Boolean(me?.roles.includes('clerk'));
/** Whether the account re-issues missed numbers (GET /api/queue/missed: window clerks and the director). */
const reissues = () => Boolean(me?.roles.some((r) => r === 'clerk' || r === 'director'));

function renderOpen(all: QueueWindow[]): void {
  byId(P.mineCard).hidden = true;
  // A director or the supervision office watches the floor; only a window clerk opens a window.
  byId(P.openCard).hidden = !calls();
  if (!calls()) return msg('开启窗口和叫号须使用窗口人员账号；您的账号可在此查看各窗口的状态和今日排队。', 'info');
  byId(P.openEmpty).hidden = all.length > 0;
  fill(
    byId(P.openList),
    all.map((w) =>
      h(
        'li',
        {},
        h(
          'span',
          { class: 'result-name' },
          w.name,
          h('span', { class: 'muted' }, ` · ${servedText(w, hallCategories)}`),
        ),
        w.open
          ? h('span', { class: 'muted' }, `${w.clerk?.name ?? w.clerk?.id} 已开启`)
          : h(
              'button',
              {
                type: 'button',
                'data-window': w.id,
                'aria-label': `开启${w.name}`,
                onclick: () => void openWindow(w.id),
              },
              '开启',
            ),
      ),
    ),
  );
}

function renderWindows(all: QueueWindow[]): void {
  fill(
    byId(P.windowsBody),
    all.map((w) =>
      h(
        'tr',
        {},
        h('td', { class: 'nowrap' }, w.name),
        h('td', {}, servedText(w, hallCategories)),
        h(
          'td',
          { class: 'nowrap' },
          w.open
            ? h('span', { class: 'status status-completed' }, `开放 · ${w.clerk?.name ?? w.clerk?.id ?? ''}`)
            : h('span', { class: 'muted' }, '关闭'),
        ),
        h('td', { class: 'serving-cell' }, w.serving?.number ?? (w.open ? '空闲' : '—')),
        h('td', { class: 'num' }, String(w.waiting)),
      ),
    ),
  );
}

function renderStats(s: QueueStats): void {
  byId(P.statsSummary).textContent =
    `今日取号 ${s.issued} 个，正在等候 ${s.waiting} 人，平均等候 ${minutes(s.averageWaitMs)}，平均办理 ${minutes(s.averageServeMs)}。`;
  fill(
    byId(P.statsBody),
    s.categories.map((c) =>
      h(
        'tr',
        {},
        h('td', {}, `${c.letter} ${c.name}`),
        h('td', { class: 'num' }, String(c.waiting)),
        h('td', { class: 'num' }, String(c.issued)),
        h('td', { class: 'num' }, String(c.finished)),
        h('td', { class: 'num' }, String(c.noShows)),
        h('td', { class: 'num' }, minutes(c.averageWaitMs)),
      ),
    ),
  );
}

/** A missed ticket as GET /api/queue/missed lists it. */
type MissedTicket = ClerkTicket & { missedAt: string; reissueUntil: string };

function renderMissed(items: MissedTicket[]): void {
  fill(
    byId(P.missed),
    items.map((t) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, `${t.number} · ${t.categoryName}`),
        h(
          'span',
          { class: 'muted' },
          `${fmtDateTime(t.missedAt).slice(-5)} 过号，${fmtDateTime(t.reissueUntil).slice(-5)} 前可补号`,
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': `补号 ${t.number}`,
            onclick: (e: Event) => void reissue(t, e.currentTarget as HTMLButtonElement),
          },
          '补号',
        ),
      ),
    ),
  );
  byId(P.missedEmpty).hidden = items.length > 0;
}

async function reissue(t: MissedTicket, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  const answer = await clerkApi<{ number: string; ahead: number | null }>(
    `/api/queue/tickets/${encodeURIComponent(t.id)}/reissue`,
    { method: 'POST' },
  );
  button.disabled = false;
  if (!answer.ok) return msg(errorText(answer));
  msg(
    `${answer.body.number} 已补号，回到原来的位置${answer.body.ahead ? `，前面还有 ${answer.body.ahead} 人` : '，下一个就是他'}。`,
    'ok',
  );
  await load();
}

/** How many categories the hall has (its day's statistics list each): a window serving them all is a 综合窗口. */
let hallCategories: number | undefined;

async function load(): Promise<void> {
  byId(P.missedCard).hidden = !reissues();
  const [windows, stats, missed] = await Promise.all([
    clerkApi<{ items: QueueWindow[] }>('/api/queue/windows'),
    clerkApi<QueueStats>('/api/queue/stats'),
    reissues() ? clerkApi<{ items: MissedTicket[] }>('/api/queue/missed') : undefined,
  ]);
  if (missed?.ok) renderMissed(missed.body.items);
  if (stats.ok) hallCategories = stats.body.categories.length;
  if (!windows.ok) return msg(errorText(windows));
  const all = windows.body.items;
  mine = all.find((w) => w.open && w.clerk?.id === me?.account);
  if (mine) renderMine(mine, all);
  else renderOpen(all);
  renderWindows(all);
  if (stats.ok) renderStats(stats.body);
}
function loadSoon(): void {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(load, 300);
}

const windowPath = (id: string, what: string) => `/api/queue/windows/${encodeURIComponent(id)}/${what}`;

async function openWindow(id: string): Promise<void> {
  const answer = await clerkApi<QueueWindow>(windowPath(id, 'open'), { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${answer.body.name}已开启，可以叫号。`, 'ok');
  await load();
  byId(P.callNext).focus();
}

async function callNext(): Promise<void> {
  if (!mine) return;
  clearPairingNote();
  const answer = await clerkApi<{ ticket: ClerkTicket | null }>(windowPath(mine.id, 'call'), { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  const ticket = answer.body.ticket;
  msg(
    ticket ? `已呼叫 ${ticket.number}，叫号屏已显示，办事人将收到短信。` : '暂无等候本窗口的号。',
    ticket ? 'ok' : 'info',
  );
  await load();
}

async function act(kind: Action, body?: Record<string, string>): Promise<void> {
  if (!mine) return;
  clearPairingNote();
  const answer = await clerkApi<ClerkTicket & { ratingOffer?: { windowName: string } | null }>(
    windowPath(mine.id, kind),
    { method: 'POST', ...(body ? { body } : {}) },
  );
  if (!answer.ok) return msg(errorText(answer));
  const offered = answer.body.ratingOffer ? `，已请办事人在${answer.body.ratingOffer.windowName}评议器上评价` : '';
  msg(`${answer.body.number} ${ACTED[kind]}${offered}`, 'ok');
  await load();
}

byId(P.callNext).addEventListener('click', () => void callNext());
for (const [kind, id] of ACTION_BUTTONS) byId(id).addEventListener('click', () => void act(kind));
byId(P.transferForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const to = byId(P.transferTo).value;
  if (to) void act('transfer', { to });
});
// 评议器配对: a code for the tablet at this window, typed on it once; it is good for ten minutes.
// How often the panel asks whether the code is spent.
const PAIRING_POLL_MS = 2_000;
let pairingWatch: ReturnType<typeof setInterval> | undefined;

function stopWatchingPairing(): void {
  clearInterval(pairingWatch);
  pairingWatch = undefined;
}

/** The code's outcome stays until the clerk's next step; a code still waiting stays until it is spent. */
function clearPairingNote(): void {
  if (!pairingWatch) byId(P.pairDeviceCode).hidden = true;
}

/** Until the code is spent or runs out, asks whether it was: a spent code leaves the panel then. */
function watchPairing(windowId: string, issuedAt: number): void {
  stopWatchingPairing();
  const shown = byId(P.pairDeviceCode);
  pairingWatch = setInterval(async () => {
    // The clerk closed his window (or another took it): the code is no business of this panel's.
    if (mine?.id !== windowId) {
      stopWatchingPairing();
      shown.hidden = true;
      return;
    }
    const answer = await clerkApi<{ paired: boolean; pairedAt: string | null; codeWaiting: boolean }>(
      `/api/rating-device/${encodeURIComponent(windowId)}/pairing`,
    );
    if (!answer.ok || answer.body.codeWaiting || !pairingWatch) return;
    stopWatchingPairing();
    const { pairedAt } = answer.body;
    if (pairedAt && Date.parse(pairedAt) >= issuedAt) say(shown, `评议器已配对（${fmtDateTime(pairedAt)}）。`, 'ok');
    else say(shown, '配对码已失效，如需配对请重新获取。', 'info');
  }, PAIRING_POLL_MS);
}

byId(P.pairDevice).addEventListener('click', async () => {
  if (!mine) return;
  const answer = await clerkApi<{ code: string; issuedAt: string; expiresAt: string }>(
    `/api/rating-device/${encodeURIComponent(mine.id)}/pairing-code`,
    { method: 'POST' },
  );
  const shown = byId(P.pairDeviceCode);
  if (!answer.ok) return say(shown, errorText(answer));
  const issuedAt = Date.parse(answer.body.issuedAt);
  const minutes = Math.round((Date.parse(answer.body.expiresAt) - issuedAt) / 60_000);
  say(
    shown,
    `配对码 ${answer.body.code}（${minutes} 分钟内有效）：请在${mine.name}的评议器上输入。配对后评议器只向办事人显示评价，您看不到评价结果。`,
    'info',
  );
  watchPairing(mine.id, issuedAt);
});

byId(P.closeWindow).addEventListener('click', async () => {
  if (!mine || !confirm(`确定关闭${mine.name}？`)) return;
  const answer = await clerkApi<QueueWindow>(windowPath(mine.id, 'close'), { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${answer.body.name}已关闭。`, 'ok');
  await load();
});

/** The roles that open a window and call (a back office's desk and an admin have none). */
const FLOOR_ROLES = ['clerk', 'director', 'supervisor'];

requireClerk(async (session) => {
  me = session.staff;
  byId(P.setupLink).hidden = !me.roles.includes('director');
  // A back office has no window: the panel's cards would only stand empty under the message.
  byId(P.queueGrid).hidden = !me.roles.some((r) => FLOOR_ROLES.includes(r));
  // An admin has no window either, but sets the hall's windows up: the way there stands under the message.
  const setsUp = byId(P.queueGrid).hidden && (await clerkRights()).has('queue.manage');
  byId(P.setupOnlyLink).hidden = !setsUp;
  if (byId(P.queueGrid).hidden)
    return msg(
      setsUp
        ? '叫号面板供大厅的窗口人员、负责人和效能监察人员使用，您的账号没有叫号窗口；本厅的窗口在“窗口设置”中添加和修改。'
        : '叫号面板供大厅的窗口人员、负责人和效能监察人员使用；您的账号在后台审批，没有叫号窗口。',
      'info',
    );
  const cats = await api<{ priorityReasons: { id: string; name: string }[] }>('/api/queue/categories');
  if (cats.ok) reasons = new Map(cats.body.priorityReasons.map((r) => [r.id, r.name]));
  await load();
  if (following) return;
  following = true;
  // The hall's screen feed says when anything changed: a ticket issued, another window's call.
  const handlers: FeedHandlers<FeedEvents<ScreenSnapshot, ScreenEvent>> = {};
  for (const kind of SCREEN_EVENT_KINDS) handlers[kind] = loadSoon;
  liveFeed('/api/queue/screen/stream', handlers);
});

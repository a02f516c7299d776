// 取号机: category → how (ID card, phone, walk-in) with the priority lane → the ticket. Or an
// appointment check-in, which is the same with the booked person's ID card or phone.
import type { ISSUE_VIA } from '../../queue/ticket.js';
import type { ElementId } from '../ids/element-id.js';
import { KIOSK_PAGE as P } from '../ids/floor-ids.js';
import { api, errorCode, errorText } from './api.js';
import { byId, h, say } from './dom.js';
import { fmtDateTime } from './formats.js';
import type { ScreenSnapshot, TicketView } from './queue-types.js';

type Via = (typeof ISSUE_VIA)[number];
type CategoryWaiting = ScreenSnapshot['waiting'][number];

/** What GET /api/queue/categories answers: the categories some window serves, and the priority reasons. */
interface Categories {
  categories: CategoryWaiting[];
  priorityReasons: { id: string; name: string }[];
}

const REFRESH_MS = 10_000;
const IDLE_MS = 90_000;
const DONE_MS = 45_000;
const ID_RE = /^\d{17}[\dX]$/;
const PHONE_RE = /^1[3-9]\d{9}$/;
const QUEUE_ID_RE = /^\d{8}-[0-9A-Z]{10}$/;
const ENTRIES = [P.whoInput, P.whoPhone, P.appointmentId];
const STEPS = [P.stepCategory, P.stepWho, P.stepDone];

const state: {
  category: CategoryWaiting | null;
  via: Via;
  priority: string;
  checkIn: boolean;
  served: Map<number, CategoryWaiting>;
} = {
  category: null,
  via: 'id-card',
  priority: '',
  checkIn: false,
  served: new Map(),
};
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let doneTimer: ReturnType<typeof setInterval> | undefined;

const all = (selector: string) => [...document.querySelectorAll<HTMLButtonElement>(selector)];

function show(step: ElementId): void {
  for (const id of STEPS) byId(id).hidden = id !== step;
  say(byId(P.kioskMsg), '');
  const heading = byId(step).querySelector('h1');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

function reset(): void {
  clearTimeout(idleTimer);
  clearInterval(doneTimer);
  Object.assign(state, { category: null, via: 'id-card', priority: '', checkIn: false });
  for (const id of ENTRIES) byId(id).value = '';
  byId(P.catTitle).textContent = '请选择您要办理的业务';
  byId(P.catHint).textContent = '一号通办：选择业务大类即可取号，到任一可办理窗口办理';
  show(P.stepCategory);
  void refresh();
}

/** Back to the start when a resident walks away halfway. */
function touch(): void {
  clearTimeout(idleTimer);
  if (!byId(P.stepCategory).hidden) return;
  if (!byId(P.stepWho).hidden) idleTimer = setTimeout(reset, IDLE_MS);
}

/** Which categories some window serves, how many wait in each, and the priority reasons. */
async function refresh(): Promise<void> {
  const answer = await api<Categories>('/api/queue/categories');
  if (!answer.ok) return say(byId(P.kioskMsg), `${errorText(answer)}。请稍候或联系大厅工作人员。`);
  state.served = new Map(answer.body.categories.map((c) => [c.category, c]));
  for (const button of all('.kiosk-cat')) {
    const c = state.served.get(Number(button.dataset.category));
    button.disabled = !c;
    byId(P.catWait(button.dataset.category ?? '')).textContent = c
      ? `等候 ${c.waiting} 人${c.estimatedWaitMinutes ? ` · 约 ${c.estimatedWaitMinutes} 分钟` : ''}`
      : '本厅暂未开通';
  }
  const reasons = byId(P.priorityReasons);
  if (reasons.children.length === 1) {
    for (const r of answer.body.priorityReasons) {
      reasons.append(
        h(
          'button',
          {
            type: 'button',
            class: 'kiosk-reason',
            role: 'radio',
            'aria-checked': 'false',
            'data-reason': r.id,
            onclick: pickReason,
          },
          r.name,
        ),
      );
    }
    reasons.firstElementChild?.addEventListener('click', pickReason);
  }
}

function chooseCategory(event: Event): void {
  const number = Number((event.currentTarget as HTMLElement).dataset.category);
  const c = state.served.get(number);
  if (!c) return;
  state.category = c;
  byId(P.whoCategory).textContent = `${c.letter} · ${c.name}`;
  byId(P.whoTitle).textContent = state.checkIn ? '预约签到：请刷身份证或输入预约时留的手机号' : '请选择取号方式';
  byId(P.modeWalkIn).hidden = state.checkIn;
  byId(P.appointmentEntry).hidden = !state.checkIn;
  byId(P.priorityBox).hidden = state.checkIn;
  setVia('id-card');
  setReason('');
  show(P.stepWho);
  touch();
}

function setVia(via: Via): void {
  state.via = via;
  for (const b of all('.kiosk-mode')) b.setAttribute('aria-checked', String(b.dataset.via === via));
  const input = byId(P.whoInput);
  input.value = '';
  byId(P.whoEntry).hidden = via === 'walk-in' && !state.checkIn;
  byId(P.keypad).hidden = via === 'walk-in';
  byId(P.whoPhoneExtra).hidden = via !== 'id-card';
  byId(P.whoLabel).textContent = via === 'phone' ? '手机号码' : '身份证号码';
  input.maxLength = via === 'phone' ? 11 : 18;
  input.setAttribute('inputmode', 'numeric');
  input.removeAttribute('aria-invalid');
  focused = input;
}

function pickReason(event: Event): void {
  setReason((event.currentTarget as HTMLElement).dataset.reason ?? '');
  touch();
}
function setReason(reason: string): void {
  state.priority = reason;
  for (const b of all('.kiosk-reason')) b.setAttribute('aria-checked', String(b.dataset.reason === reason));
}

// The keypad types into whichever entry field was touched last.
let focused = byId(P.whoInput);
for (const id of ENTRIES) byId(id).addEventListener('focus', () => (focused = byId(id)));
byId(P.keypad).addEventListener('click', (event) => {
  const key = (event.target as Element).closest<HTMLElement>('[data-key]')?.dataset.key;
  if (!key) return;
  touch();
  const input = focused;
  if (key === 'back') input.value = input.value.slice(0, -1);
  else if (input.value.length < input.maxLength) input.value += key;
  input.removeAttribute('aria-invalid');
});

/** The request for the ticket machine's API, or a message saying what to fix. */
function request(category: CategoryWaiting): { body: Record<string, string | number> } | { error: string } {
  const body: Record<string, string | number> = { category: category.category, via: state.via };
  const main = byId(P.whoInput).value.trim().toUpperCase();
  const phone = byId(P.whoPhone).value.trim();
  const invalid = (id: ElementId<HTMLInputElement>, text: string) => {
    byId(id).setAttribute('aria-invalid', 'true');
    return { error: text };
  };
  if (state.via === 'id-card') {
    if (!ID_RE.test(main)) return invalid(P.whoInput, '请输入 18 位身份证号码');
    body.idNumber = main;
    if (phone) {
      if (!PHONE_RE.test(phone)) return invalid(P.whoPhone, '手机号码应为 11 位');
      body.phone = phone;
    }
  } else if (state.via === 'phone') {
    if (!PHONE_RE.test(main)) return invalid(P.whoInput, '请输入 11 位手机号码');
    body.phone = main;
  }
  if (state.checkIn) {
    const code = byId(P.appointmentId).value.trim().toUpperCase();
    if (code && !QUEUE_ID_RE.test(code)) return invalid(P.appointmentId, '预约号格式不对，应如 20261123-7KQ2M9XC4T');
    if (code) body.appointmentId = code;
  } else if (state.priority) body.priority = state.priority;
  return { body };
}

async function issue(): Promise<void> {
  if (!state.category) return;
  const asked = request(state.category);
  if ('error' in asked) return say(byId(P.kioskMsg), asked.error);
  const button = byId(P.whoIssue);
  button.disabled = true;
  const answer = await api<TicketView>('/api/queue/tickets', { method: 'POST', body: asked.body });
  button.disabled = false;
  if (!answer.ok) {
    const held = errorCode(answer) === 'ERR_TICKET_HELD';
    return say(
      byId(P.kioskMsg),
      held ? '您已取过本类业务的号，请留意叫号屏；如已过号，请扫号票上的二维码补号。' : errorText(answer),
    );
  }
  done(answer.body);
}

function done(t: TicketView): void {
  clearTimeout(idleTimer);
  const link = `${location.origin}/queue/ticket/${encodeURIComponent(t.id)}`;
  byId(P.slipNumber).textContent = t.number;
  byId(P.slipCategory).textContent = t.categoryName;
  const lane = byId(P.slipLane);
  lane.hidden = t.lane === 'normal' && !state.checkIn;
  if (t.lane === 'appointment')
    lane.textContent = `预约签到成功 · 预约时间 ${fmtDateTime(t.appointmentSlot).slice(-5)}，到时优先办理`;
  else if (state.checkIn) lane.textContent = '未找到您今天此类业务的有效预约，已为您取普通号';
  else if (t.lane === 'priority') lane.textContent = `优先号 · ${t.priorityName ?? ''}`;
  byId(P.slipAhead).textContent = String(t.ahead ?? 0);
  byId(P.slipWait).textContent = t.estimatedWaitMinutes ? `，预计约 ${t.estimatedWaitMinutes} 分钟` : '';
  byId(P.slipQr).src = `/queue/ticket/${encodeURIComponent(t.id)}/qr.svg`;
  const a = byId(P.slipLink);
  a.href = link;
  a.textContent = link.replace(/^https?:\/\//, '');
  byId(P.slipSms).textContent =
    state.via === 'walk-in'
      ? '未留手机号：请留意叫号大屏。'
      : '已登记手机号的，前面还剩 2 人时和叫号时各收到一条短信。';
  byId(P.slipTime).textContent = `取号时间 ${fmtDateTime(t.issuedAt)}`;
  show(P.stepDone);
  let left = DONE_MS / 1000;
  const tick = () => {
    byId(P.doneReset).textContent = `${left} 秒后返回首页`;
    if (left-- <= 0) reset();
  };
  tick();
  doneTimer = setInterval(tick, 1000);
}

for (const b of all('.kiosk-cat')) b.addEventListener('click', chooseCategory);
for (const b of all('.kiosk-mode')) {
  b.addEventListener('click', () => {
    setVia(b.dataset.via as Via);
    touch();
  });
}
byId(P.goAppointment).addEventListener('click', () => {
  state.checkIn = true;
  byId(P.catTitle).textContent = '预约签到：请选择您预约的业务';
  byId(P.catHint).textContent = '签到后到预约时间优先叫号；来晚超过规定时间的按普通号排队';
  byId(P.catTitle).focus();
});
byId(P.whoBack).addEventListener('click', reset);
byId(P.whoIssue).addEventListener('click', () => void issue());
byId(P.doneFinish).addEventListener('click', reset);
byId(P.donePrint).addEventListener('click', () => window.print());
for (const id of ENTRIES) {
  byId(id).addEventListener('input', touch);
  byId(id).addEventListener('keydown', (e) => e.key === 'Enter' && void issue());
}

void refresh();
setInterval(() => {
  if (!byId(P.stepCategory).hidden) void refresh();
}, REFRESH_MS);

// 取号机: category → how (ID card, phone, walk-in) with the priority lane → the ticket. Or an
// appointment check-in, which is the same with the booked person's ID card or phone.
import { api, byId, errorText, fmtDateTime, h, say } from './common.js';

const REFRESH_MS = 10_000;
const IDLE_MS = 90_000;
const DONE_MS = 45_000;
const ID_RE = /^\d{17}[\dX]$/;
const PHONE_RE = /^1[3-9]\d{9}$/;
const QUEUE_ID_RE = /^\d{8}-[0-9A-Z]{10}$/;

const state = { category: null, via: 'id-card', priority: '', checkIn: false, served: new Map() };
let idleTimer;
let doneTimer;

const steps = ['step-category', 'step-who', 'step-done'];
function show(step) {
  for (const id of steps) byId(id).hidden = id !== step;
  say(byId('kiosk-msg'), '');
  const heading = byId(step).querySelector('h1');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

function reset() {
  clearTimeout(idleTimer);
  clearInterval(doneTimer);
  Object.assign(state, { category: null, via: 'id-card', priority: '', checkIn: false });
  for (const id of ['who-input', 'who-phone', 'appointment-id']) byId(id).value = '';
  byId('cat-title').textContent = '请选择您要办理的业务';
  byId('cat-hint').textContent = '一号通办：选择业务大类即可取号，到任一可办理窗口办理';
  show('step-category');
  void refresh();
}

/** Back to the start when a resident walks away halfway. */
function touch() {
  clearTimeout(idleTimer);
  if (!byId('step-category').hidden) return;
  if (!byId('step-who').hidden) idleTimer = setTimeout(reset, IDLE_MS);
}

/** Which categories some window serves, how many wait in each, and the priority reasons. */
async function refresh() {
  const answer = await api('/api/queue/categories');
  if (!answer.ok) return say(byId('kiosk-msg'), `${errorText(answer)}。请稍候或联系大厅工作人员。`);
  state.served = new Map(answer.body.categories.map((c) => [c.category, c]));
  for (const button of document.querySelectorAll('.kiosk-cat')) {
    const c = state.served.get(Number(button.dataset.category));
    button.disabled = !c;
    byId(`cat-wait-${button.dataset.category}`).textContent = c ? `等候 ${c.waiting} 人` : '本厅暂未开通';
  }
  const reasons = byId('priority-reasons');
  if (reasons.children.length === 1) {
    for (const r of answer.body.priorityReasons) {
      reasons.append(h('button', { type: 'button', class: 'kiosk-reason', role: 'radio', 'aria-checked': 'false', 'data-reason': r.id, onclick: pickReason }, r.name));
    }
    reasons.firstElementChild.addEventListener('click', pickReason);
  }
}

function chooseCategory(event) {
  const number = Number(event.currentTarget.dataset.category);
  const c = state.served.get(number);
  if (!c) return;
  state.category = c;
  byId('who-category').textContent = `${c.letter} · ${c.name}`;
  byId('who-title').textContent = state.checkIn ? '预约签到：请刷身份证或输入预约时留的手机号' : '请选择取号方式';
  byId('mode-walk-in').hidden = state.checkIn;
  byId('appointment-entry').hidden = !state.checkIn;
  byId('priority-box').hidden = state.checkIn;
  setVia('id-card');
  setReason('');
  show('step-who');
  touch();
}

function setVia(via) {
  state.via = via;
  for (const b of document.querySelectorAll('.kiosk-mode')) b.setAttribute('aria-checked', String(b.dataset.via === via));
  const input = byId('who-input');
  input.value = '';
  byId('who-entry').hidden = via === 'walk-in' && !state.checkIn;
  byId('keypad').hidden = via === 'walk-in';
  byId('who-phone-extra').hidden = via !== 'id-card';
  byId('who-label').textContent = via === 'phone' ? '手机号码' : '身份证号码';
  input.maxLength = via === 'phone' ? 11 : 18;
  input.setAttribute('inputmode', 'numeric');
  input.removeAttribute('aria-invalid');
  focused = input;
}

function pickReason(event) {
  setReason(event.currentTarget.dataset.reason);
  touch();
}
function setReason(reason) {
  state.priority = reason;
  for (const b of document.querySelectorAll('.kiosk-reason')) b.setAttribute('aria-checked', String(b.dataset.reason === reason));
}

// The keypad types into whichever entry field was touched last.
let focused = byId('who-input');
for (const id of ['who-input', 'who-phone', 'appointment-id']) byId(id).addEventListener('focus', (e) => (focused = e.target));
byId('keypad').addEventListener('click', (event) => {
  const key = event.target.closest('[data-key]')?.dataset.key;
  if (!key) return;
  touch();
  const input = focused;
  if (key === 'back') input.value = input.value.slice(0, -1);
  else if (input.value.length < input.maxLength) input.value += key;
  input.removeAttribute('aria-invalid');
});

/** The request for the ticket machine's API, or a message saying what to fix. */
function request() {
  const body = { category: state.category.category, via: state.via };
  const main = byId('who-input').value.trim().toUpperCase();
  const phone = byId('who-phone').value.trim();
  const invalid = (id, text) => {
    byId(id).setAttribute('aria-invalid', 'true');
    return { error: text };
  };
  if (state.via === 'id-card') {
    if (!ID_RE.test(main)) return invalid('who-input', '请输入 18 位身份证号码');
    body.idNumber = main;
    if (phone) {
      if (!PHONE_RE.test(phone)) return invalid('who-phone', '手机号码应为 11 位');
      body.phone = phone;
    }
  } else if (state.via === 'phone') {
    if (!PHONE_RE.test(main)) return invalid('who-input', '请输入 11 位手机号码');
    body.phone = main;
  }
  if (state.checkIn) {
    const code = byId('appointment-id').value.trim().toUpperCase();
    if (code && !QUEUE_ID_RE.test(code)) return invalid('appointment-id', '预约号格式不对，应如 20261123-7KQ2M9XC4T');
    if (code) body.appointmentId = code;
  } else if (state.priority) body.priority = state.priority;
  return { body };
}

async function issue() {
  const { body, error } = request();
  if (error) return say(byId('kiosk-msg'), error);
  const button = byId('who-issue');
  button.disabled = true;
  const answer = await api('/api/queue/tickets', { method: 'POST', body });
  button.disabled = false;
  if (!answer.ok) {
    const held = answer.body?.error?.code === 'ERR_TICKET_HELD';
    return say(byId('kiosk-msg'), held ? '您已取过本类业务的号，请留意叫号屏；如已过号，请扫号票上的二维码补号。' : errorText(answer));
  }
  done(answer.body);
}

function done(t) {
  clearTimeout(idleTimer);
  const link = `${location.origin}/queue/ticket/${encodeURIComponent(t.id)}`;
  byId('slip-number').textContent = t.number;
  byId('slip-category').textContent = t.categoryName;
  const lane = byId('slip-lane');
  lane.hidden = t.lane === 'normal' && !state.checkIn;
  if (t.lane === 'appointment') lane.textContent = `预约签到成功 · 预约时间 ${fmtDateTime(t.appointmentSlot).slice(-5)}，到时优先办理`;
  else if (state.checkIn) lane.textContent = '未找到您今天此类业务的有效预约，已为您取普通号';
  else if (t.lane === 'priority') lane.textContent = `优先号 · ${t.priorityName ?? ''}`;
  byId('slip-ahead').textContent = String(t.ahead ?? 0);
  byId('slip-qr').src = `/queue/ticket/${encodeURIComponent(t.id)}/qr.svg`;
  const a = byId('slip-link');
  a.href = link;
  a.textContent = link.replace(/^https?:\/\//, '');
  byId('slip-sms').textContent = state.via === 'walk-in' ? '未留手机号：请留意叫号大屏。' : '已登记手机号的，前面还剩 2 人时和叫号时各收到一条短信。';
  byId('slip-time').textContent = `取号时间 ${fmtDateTime(t.issuedAt)}`;
  show('step-done');
  let left = DONE_MS / 1000;
  const tick = () => {
    byId('done-reset').textContent = `${left} 秒后返回首页`;
    if (left-- <= 0) reset();
  };
  tick();
  doneTimer = setInterval(tick, 1000);
}

for (const b of document.querySelectorAll('.kiosk-cat')) b.addEventListener('click', chooseCategory);
for (const b of document.querySelectorAll('.kiosk-mode')) b.addEventListener('click', (e) => (setVia(e.currentTarget.dataset.via), touch()));
byId('go-appointment').addEventListener('click', () => {
  state.checkIn = true;
  byId('cat-title').textContent = '预约签到：请选择您预约的业务';
  byId('cat-hint').textContent = '签到后到预约时间优先叫号；来晚超过规定时间的按普通号排队';
  byId('cat-title').focus();
});
byId('who-back').addEventListener('click', reset);
byId('who-issue').addEventListener('click', () => void issue());
byId('done-finish').addEventListener('click', reset);
byId('done-print').addEventListener('click', () => window.print());
for (const id of ['who-input', 'who-phone', 'appointment-id']) {
  byId(id).addEventListener('input', touch);
  byId(id).addEventListener('keydown', (e) => e.key === 'Enter' && void issue());
}

void refresh();
setInterval(() => {
  if (!byId('step-category').hidden) void refresh();
}, REFRESH_MS);

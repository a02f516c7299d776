// 预约办事 on the portal: this hall (its categories, bookable matters, working days and slots with
// room left) or any other hall of the district (what it offers; that hall admits or refuses the
// booking once it reaches it); then the resident's own appointments here and his bookings of other
// halls with their state, each cancellable while it stands.
import { PORTAL_PAGE as P } from '../ids/portal-ids.js';
import { api, errorText } from './api.js';
import type { MatterSummary } from './case-parts.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDate, fmtDateTime } from './formats.js';
import { residentApi } from './resident-session.js';

interface Slot {
  slot: string;
  capacity: number;
  booked: number;
}
interface SlotDays {
  days: { date: string; slots: Slot[] }[];
}
interface MyAppointment {
  id: string;
  category: number;
  categoryName: string;
  matterName?: string;
  slot: string;
  state: 'booked' | 'checked-in' | 'lapsed' | 'cancelled';
}

interface Offer {
  hallName: string;
  categories: { category: number; name: string; matters: { code: string; name: string }[] }[];
  days: { date: string; slots: string[] }[];
}
interface Booking {
  id: string;
  hall: string;
  hallName: string;
  /** Whether the booking is for this hall (then its appointment is listed instead). */
  here: boolean;
  /** The hall whose portal took it. */
  takenAtName: string;
  /** Whether this hall may cancel it (the hall that took it, or the hall it is for). */
  cancellable: boolean;
  matterName: string;
  slot: string;
  state: 'requested' | 'booked' | 'refused' | 'checked-in' | 'cancelled';
  reason?: string;
  appointmentId?: string;
}

const BOOKING_STATE_NAMES: Record<Booking['state'], string> = {
  requested: '等待该大厅确认',
  booked: '已预约',
  refused: '未能预约',
  'checked-in': '已签到',
  cancelled: '已取消',
};

const STATE_NAMES: Record<MyAppointment['state'], string> = {
  booked: '已预约',
  'checked-in': '已签到',
  lapsed: '已过期',
  cancelled: '已取消',
};
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const msg = byId(P.bookMsg);
let days: SlotDays['days'] = [];
/** What the chosen other hall offers; undefined while this hall is chosen. */
let offer: Offer | undefined;
let polling: number | undefined;
/** Whether a booking of another hall still waits for that hall's answer. */
let waiting = false;
const hallChosen = () => byId(P.bookHallSelect).value;

const option = (value: string, text: string) => h('option', { value }, text);
/** `09:30`, Beijing time, from a slot's ISO time. */
const hhmm = (iso: string) => fmtDateTime(iso).slice(-5);

async function loadHalls(): Promise<void> {
  const answer = await api<{ items: { org: string; name: string; here: boolean }[] }>('/api/bookings/halls');
  if (!answer.ok) return say(msg, errorText(answer));
  const select = byId(P.bookHallSelect);
  const here = select.options[0]!;
  fill(select, here, ...answer.body.items.filter((x) => !x.here).map((x) => option(x.org, x.name)));
}

async function loadCategories(): Promise<void> {
  if (hallChosen()) return loadOffer();
  offer = undefined;
  const answer = await api<{ categories: { category: number; name: string }[] }>('/api/queue/categories');
  if (!answer.ok) return say(msg, errorText(answer));
  const cats = answer.body.categories;
  fill(byId(P.bookCategory), ...cats.map((c) => option(String(c.category), c.name)));
  if (!cats.length) return say(msg, '本大厅暂未开通预约。', 'info');
  await loadCategory();
}

/** Another hall's bookable matters and published slots: it keeps count of its places itself. */
async function loadOffer(): Promise<void> {
  const answer = await api<Offer>(`/api/bookings/offer?${new URLSearchParams({ hall: hallChosen() })}`);
  if (!answer.ok) return say(msg, errorText(answer));
  offer = answer.body;
  fill(byId(P.bookCategory), ...offer.categories.map((c) => option(String(c.category), c.name)));
  if (!offer.categories.length) {
    fill(byId(P.bookMatter));
    fill(byId(P.bookSlotList));
    byId(P.bookButton).disabled = true;
    return say(msg, `${offer.hallName}暂无可预约的事项。`, 'info');
  }
  await loadCategory();
}

async function loadCategory(): Promise<void> {
  const category = byId(P.bookCategory).value;
  if (offer) {
    const matters = offer.categories.find((c) => String(c.category) === category)?.matters ?? [];
    fill(byId(P.bookMatter), ...matters.map((m) => option(m.code, m.name)));
    days = offer.days.map((d) => ({ date: d.date, slots: d.slots.map((slot) => ({ slot, capacity: 0, booked: 0 })) }));
    fillDays();
    byId(P.bookButton).disabled = !matters.length;
    say(msg, `名额由${offer.hallName}核定：提交后该大厅确认预约，或告知约不上的原因。`, 'info');
    return showSlots();
  }
  const [matters, slots] = await Promise.all([
    api<{ items: MatterSummary[] }>(`/api/catalogue?${new URLSearchParams({ here: 'true', category })}`),
    api<SlotDays>(`/api/queue/slots?${new URLSearchParams({ category })}`),
  ]);
  if (!matters.ok) return say(msg, errorText(matters));
  if (!slots.ok) return say(msg, errorText(slots));
  const bookable = matters.body.items.filter((m) => m.bookable);
  fill(byId(P.bookMatter), ...bookable.map((m) => option(m.code, m.name)));
  days = slots.body.days;
  fillDays();
  byId(P.bookButton).disabled = !bookable.length;
  if (!bookable.length) say(msg, '本类业务的事项都不接受预约，请直接到大厅取号。', 'info');
  else say(msg, '');
  showSlots();
}

/** Lists the days offered, keeping the day chosen when it still is one (a booking reloads the days). */
function fillDays(): void {
  const chosen = byId(P.bookDate).value;
  fill(
    byId(P.bookDate),
    ...days.map((d) =>
      option(
        d.date,
        `${fmtDate(`${d.date}T12:00:00+08:00`)}（周${WEEKDAYS[new Date(`${d.date}T12:00:00+08:00`).getUTCDay()]}）`,
      ),
    ),
  );
  if (days.some((d) => d.date === chosen)) byId(P.bookDate).value = chosen;
}

function showSlots(): void {
  const day = days.find((d) => d.date === byId(P.bookDate).value);
  const slots = day?.slots ?? [];
  fill(
    byId(P.bookSlotList),
    slots.length
      ? slots.map((s) => {
          if (offer)
            return h(
              'label',
              { class: 'slot' },
              h('input', { type: 'radio', name: 'book-slot', value: s.slot }),
              hhmm(s.slot),
            );
          const left = s.capacity - s.booked;
          return h(
            'label',
            { class: left > 0 ? 'slot' : 'slot slot-full' },
            h('input', { type: 'radio', name: 'book-slot', value: s.slot, disabled: left <= 0 }),
            `${hhmm(s.slot)} ${left > 0 ? `余 ${left}` : '已约满'}`,
          );
        })
      : h('p', { class: 'muted' }, '这一天没有可预约的时段。'),
  );
}

async function loadMine(): Promise<void> {
  const [answer, booked] = await Promise.all([
    residentApi<{ items: MyAppointment[] }>('/api/queue/appointments/mine'),
    residentApi<{ items: Booking[] }>('/api/bookings/mine'),
  ]);
  window.clearTimeout(polling);
  // A request waits for its hall's answer: look again in a while, also after a failed look.
  const again = () => (polling = window.setTimeout(() => void loadMine(), 3000));
  if (!answer.ok || !booked.ok) {
    if (waiting) again();
    return say(msg, errorText(!answer.ok ? answer : booked));
  }
  const items = answer.body.items;
  // A booking of this hall is listed as its appointment; those of other halls as the bookings themselves.
  const elsewhere = booked.body.items.filter((b) => !b.here);
  waiting = elsewhere.some((b) => b.state === 'requested');
  if (waiting) again();
  fill(
    byId(P.myAppointments),
    items.length || elsewhere.length
      ? h('ul', { class: 'result-list' }, items.map(appointmentItem), elsewhere.map(bookingItem))
      : h('p', { class: 'muted' }, '暂无预约。'),
  );
}

function appointmentItem(a: MyAppointment): HTMLElement {
  return h(
    'li',
    { class: 'appointment', 'data-state': a.state },
    h('strong', {}, a.matterName ?? a.categoryName),
    h('span', {}, `${fmtDateTime(a.slot)} · ${STATE_NAMES[a.state]}`),
    h('span', { class: 'muted' }, `预约号 ${a.id}`),
    a.state === 'booked'
      ? h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': `取消 ${fmtDateTime(a.slot)} 的预约`,
            onclick: () => void cancel(a.id),
          },
          '取消预约',
        )
      : null,
  );
}

function bookingItem(b: Booking): HTMLElement {
  return h(
    'li',
    { class: 'appointment booking', 'data-state': b.state, 'data-booking': b.id },
    h('strong', {}, `${b.matterName} · ${b.hallName}`),
    h('span', {}, `${fmtDateTime(b.slot)} · ${BOOKING_STATE_NAMES[b.state]}`),
    b.state === 'refused' && b.reason ? h('span', { class: 'message message-error' }, b.reason) : null,
    b.appointmentId ? h('span', { class: 'muted' }, `预约号 ${b.appointmentId}`) : null,
    (b.state === 'requested' || b.state === 'booked') && !b.cancellable
      ? h('span', { class: 'muted' }, `如需取消，请在${b.takenAtName}或${b.hallName}的网上大厅办理`)
      : null,
    (b.state === 'requested' || b.state === 'booked') && b.cancellable
      ? h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': `取消 ${b.hallName} ${fmtDateTime(b.slot)} 的预约`,
            onclick: () => void cancelBooking(b.id),
          },
          '取消预约',
        )
      : null,
  );
}

async function cancelBooking(id: string): Promise<void> {
  const answer = await residentApi(`/api/bookings/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  if (!answer.ok) return say(msg, errorText(answer));
  await loadMine();
  say(msg, '已取消预约。', 'ok');
}

async function cancel(id: string): Promise<void> {
  const answer = await api(`/api/queue/appointments/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  if (!answer.ok) return say(msg, errorText(answer));
  await Promise.all([loadMine(), loadCategory()]);
  say(msg, '已取消预约。', 'ok');
}

byId(P.bookHallSelect).addEventListener('change', () => void loadCategories());
byId(P.bookCategory).addEventListener('change', () => void loadCategory());
byId(P.bookDate).addEventListener('change', showSlots);
byId(P.bookForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const slot = byId(P.bookSlotList).querySelector<HTMLInputElement>('input[name=book-slot]:checked')?.value;
  if (!slot) return say(msg, '请选择一个时段');
  const button = byId(P.bookButton);
  button.disabled = true;
  try {
    if (offer) {
      const asked = await residentApi<Booking>('/api/bookings', {
        method: 'POST',
        body: { hall: hallChosen(), matterCode: byId(P.bookMatter).value, slot },
      });
      if (!asked.ok) return say(msg, errorText(asked));
      waiting = true;
      await loadMine();
      say(
        msg,
        `已提交到${asked.body.hallName}：${fmtDateTime(asked.body.slot)}。该大厅确认后，“我的预约”里显示为已预约。`,
        'ok',
      );
      return;
    }
    const answer = await residentApi<MyAppointment>('/api/queue/appointments', {
      method: 'POST',
      body: { category: Number(byId(P.bookCategory).value), matterCode: byId(P.bookMatter).value, slot },
    });
    if (!answer.ok) return say(msg, errorText(answer));
    await Promise.all([loadMine(), loadCategory()]);
    say(msg, `预约成功：${fmtDateTime(answer.body.slot)}，预约号 ${answer.body.id}。请按时到大厅签到。`, 'ok');
  } finally {
    button.disabled = false;
  }
});

/** Fills the booking card once the resident is signed in. */
export async function showBooking(): Promise<void> {
  await Promise.all([loadHalls(), loadCategories(), loadMine()]);
}

// 预约办事 on the portal: a category this hall serves, one of its bookable matters, a working day and
// a slot with room left; then the resident's own appointments here, each cancellable while booked.
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

const STATE_NAMES: Record<MyAppointment['state'], string> = {
  booked: '已预约',
  'checked-in': '已签到',
  lapsed: '已过期',
  cancelled: '已取消',
};
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const msg = byId(P.bookMsg);
let days: SlotDays['days'] = [];

const option = (value: string, text: string) => h('option', { value }, text);
/** `09:30`, Beijing time, from a slot's ISO time. */
const hhmm = (iso: string) => fmtDateTime(iso).slice(-5);

async function loadCategories(): Promise<void> {
  const answer = await api<{ categories: { category: number; name: string }[] }>('/api/queue/categories');
  if (!answer.ok) return say(msg, errorText(answer));
  const cats = answer.body.categories;
  fill(byId(P.bookCategory), ...cats.map((c) => option(String(c.category), c.name)));
  if (!cats.length) return say(msg, '本大厅暂未开通预约。', 'info');
  await loadCategory();
}

async function loadCategory(): Promise<void> {
  const category = byId(P.bookCategory).value;
  const [matters, slots] = await Promise.all([
    api<{ items: MatterSummary[] }>(`/api/catalogue?${new URLSearchParams({ here: 'true', category })}`),
    api<SlotDays>(`/api/queue/slots?${new URLSearchParams({ category })}`),
  ]);
  if (!matters.ok) return say(msg, errorText(matters));
  if (!slots.ok) return say(msg, errorText(slots));
  const bookable = matters.body.items.filter((m) => m.bookable);
  fill(byId(P.bookMatter), ...bookable.map((m) => option(m.code, m.name)));
  days = slots.body.days;
  fill(
    byId(P.bookDate),
    ...days.map((d) =>
      option(
        d.date,
        `${fmtDate(`${d.date}T12:00:00+08:00`)}（周${WEEKDAYS[new Date(`${d.date}T12:00:00+08:00`).getUTCDay()]}）`,
      ),
    ),
  );
  byId(P.bookButton).disabled = !bookable.length;
  if (!bookable.length) say(msg, '本类业务的事项都不接受预约，请直接到大厅取号。', 'info');
  else say(msg, '');
  showSlots();
}

function showSlots(): void {
  const day = days.find((d) => d.date === byId(P.bookDate).value);
  const slots = day?.slots ?? [];
  fill(
    byId(P.bookSlotList),
    slots.length
      ? slots.map((s) => {
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
  const answer = await residentApi<{ items: MyAppointment[] }>('/api/queue/appointments/mine');
  if (!answer.ok) return say(msg, errorText(answer));
  const items = answer.body.items;
  fill(
    byId(P.myAppointments),
    items.length
      ? h(
          'ul',
          { class: 'result-list' },
          items.map((a) =>
            h(
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
            ),
          ),
        )
      : h('p', { class: 'muted' }, '暂无预约。'),
  );
}

async function cancel(id: string): Promise<void> {
  const answer = await api(`/api/queue/appointments/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  if (!answer.ok) return say(msg, errorText(answer));
  await Promise.all([loadMine(), loadCategory()]);
  say(msg, '已取消预约。', 'ok');
}

byId(P.bookCategory).addEventListener('change', () => void loadCategory());
byId(P.bookDate).addEventListener('change', showSlots);
byId(P.bookForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const slot = byId(P.bookSlotList).querySelector<HTMLInputElement>('input[name=book-slot]:checked')?.value;
  if (!slot) return say(msg, '请选择一个时段');
  const button = byId(P.bookButton);
  button.disabled = true;
  try {
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
  await Promise.all([loadCategories(), loadMine()]);
}

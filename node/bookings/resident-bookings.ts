import { randomUUID } from 'node:crypto';
import { bookingDocId, bookingDocSchema, HallnetError, type BookingDoc } from '../../sync/index.js';
import type { Principal } from '../../identity/index.js';
import { bookableMatter } from '../domain/bookable-matter.js';
import { chinaDate } from '../domain/working-days.js';
import type { NodeServices } from '../services.js';

type Resident = Extract<Principal, { kind: 'resident' }>;
type Services = Pick<NodeServices, 'org' | 'db' | 'guard' | 'reference' | 'clock' | 'queue'>;

/** What a resident asks for: the hall, the matter, the slot (its category is the matter's). */
export interface BookingAsk {
  hall: string;
  matterCode: string;
  slot: string;
}

/** A booking as the resident reads it: its state, the hall's name and, when refused, why. */
export type BookingView = Pick<
  BookingDoc,
  'hall' | 'matterCode' | 'matterName' | 'category' | 'slot' | 'state' | 'reason' | 'appointmentId'
> & {
  id: string;
  hallName: string;
  here: boolean;
  takenAt: string;
  takenAtName: string;
  /**
   * Whether this hall may cancel it: one of its two halls. A hall above them holds it too (a node
   * sees what has a party at or below it) and shows it, but cancelling is the two halls' own.
   */
  cancellable: boolean;
};

const view = (s: Services, d: BookingDoc): BookingView => ({
  id: d._id.slice('booking:'.length),
  hall: d.hall,
  hallName: s.reference.orgName(d.hall),
  here: d.hall === s.org,
  takenAt: d.scope,
  takenAtName: s.reference.orgName(d.scope),
  cancellable: s.org === d.scope || s.org === d.hall,
  matterCode: d.matterCode,
  matterName: d.matterName,
  category: d.category,
  slot: d.slot,
  state: d.state,
  ...(d.reason ? { reason: d.reason } : {}),
  ...(d.appointmentId ? { appointmentId: d.appointmentId } : {}),
});

/** The halls of the district a resident may book at, with their names: not departments' back offices. */
export function bookableHalls(s: Services): { org: string; name: string; here: boolean }[] {
  const district = s.org.split('/')[0]!;
  return [...s.reference.organisations.values()]
    .filter((o) => o.kind !== 'department' && (o.path === district || o.path.startsWith(`${district}/`)))
    .sort((a, b) => a.level - b.level || a.path.localeCompare(b.path))
    .map((o) => ({ org: o.path, name: o.name, here: o.path === s.org }));
}

/**
 * Writes the resident's booking at `ask.hall` as a request in his own name, here: it goes to that
 * hall through the hub (at once, or once the line is back), which admits or refuses it. What this
 * hall can check, it checks first — the hall is one of the district's, the matter is bookable
 * there, the slot is a published one on a working day ahead — so a plain mistake is a 4xx now.
 */
export async function requestBooking(s: Services, p: Resident, ask: BookingAsk): Promise<BookingView> {
  const hall = s.reference.organisations.get(ask.hall);
  if (!hall || !bookableHalls(s).some((h) => h.org === ask.hall))
    throw new HallnetError('ERR_VALIDATION', `no hall ${ask.hall}`, {
      issues: [{ field: 'hall', reason: 'no such hall / 没有这个服务大厅' }],
    });
  const matter = bookableMatter(s.reference.catalogue, ask.matterCode, ask.hall);
  const at = Date.parse(ask.slot);
  const now = s.clock();
  const { slotMinutes, bookingDays, bookingOpensHour, bookingClosesHour } = s.queue.rules;
  const minute = Math.floor(((at + 8 * 3_600_000) % 86_400_000) / 60_000);
  const published = minute % slotMinutes === 0 && minute >= bookingOpensHour * 60 && minute < bookingClosesHour * 60;
  if (!published || at <= now.getTime() || at > now.getTime() + bookingDays * 86_400_000)
    throw new HallnetError('ERR_VALIDATION', 'not a published slot ahead', {
      issues: [{ field: 'slot', reason: 'choose a slot offered / 请选择页面列出的预约时段' }],
    });
  if (!s.reference.calendar.isWorkingDay(chinaDate(new Date(at))))
    throw new HallnetError('ERR_VALIDATION', 'slot on a day the hall is closed', {
      issues: [{ field: 'slot', reason: 'the hall is closed that day / 该日为休息日，大厅不办公' }],
    });
  const doc: BookingDoc = {
    _id: bookingDocId(randomUUID()),
    type: 'booking',
    scope: s.org,
    parties: [...new Set([s.org, ask.hall])],
    author: { id: `resident:${p.id}`, name: p.name, org: s.org },
    at: now.toISOString(),
    hall: ask.hall,
    matterCode: matter.code,
    matterName: matter.name,
    category: matter.category,
    slot: new Date(at).toISOString(),
    resident: { account: p.id, name: p.name, idNumber: p.idNumber, phone: p.phone },
    state: 'requested',
  };
  await s.guard.put(doc);
  return view(s, doc);
}

/** The resident's own bookings this hall holds (those taken here and those for here), the latest slot first. */
export async function bookingsOf(s: Services, p: Resident): Promise<BookingView[]> {
  const rows = await s.db.allDocs({ startkey: 'booking:', endkey: 'booking:\uffff', include_docs: true });
  const mine: BookingDoc[] = [];
  for (const row of rows.rows) {
    const parsed = bookingDocSchema.safeParse(row.doc);
    if (parsed.success && parsed.data.resident.account === p.id) mine.push(parsed.data);
  }
  return mine.sort((a, b) => b.slot.localeCompare(a.slot)).map((d) => view(s, d));
}

/**
 * Cancels the resident's own booking from a hall that is one of its two (the hall whose portal took
 * it, or the hall it is for); the hall it is for then cancels the appointment. Cancelling again
 * answers the cancelled booking; a refused one cannot be cancelled.
 */
export async function cancelBooking(s: Services, p: Resident, id: string): Promise<BookingView> {
  const doc = await s.db.get(bookingDocId(id)).catch(() => undefined);
  const parsed = bookingDocSchema.safeParse(doc);
  if (!parsed.success || parsed.data.resident.account !== p.id)
    throw new HallnetError('ERR_NOT_FOUND', `no booking ${id} of yours here`);
  const booking = parsed.data;
  if (booking.state === 'cancelled') return view(s, booking);
  if (booking.state === 'refused')
    throw new HallnetError('ERR_APPOINTMENT_INVALID', 'a refused booking is not cancelled', {
      issues: [{ field: 'id', reason: '该预约未被受理，无需取消' }],
    });
  if (booking.state === 'checked-in')
    throw new HallnetError('ERR_APPOINTMENT_INVALID', 'a booking checked in is not cancelled', {
      issues: [{ field: 'id', reason: '已签到的预约不能取消' }],
    });
  if (s.org !== booking.scope && s.org !== booking.hall)
    throw new HallnetError('ERR_FORBIDDEN', 'cancel at a hall of the booking', {
      issues: [{ field: 'id', reason: '请在预约时使用的大厅或预约的大厅取消' }],
    });
  const now = s.clock().toISOString();
  const cancelled: BookingDoc = {
    ...booking,
    state: 'cancelled',
    cancelledAt: now,
    author: { id: `resident:${p.id}`, name: p.name, org: s.org },
    at: now,
  };
  await s.guard.put(cancelled);
  return view(s, cancelled);
}

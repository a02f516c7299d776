import {
  BOOKING_PERSONAL_DATA_DAYS,
  type BookingDoc,
  bookingDocSchema,
  bookingErasableFrom,
  bookingResidentSchema,
} from '../booking.js';
import { isDepartmentPath, isWithin, levelOfPath } from '../org-path.js';
import { changedField } from './immutable-fields.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/** What each move of a booking may change besides its state. */
const DECISION_FIELDS = ['state', 'reason', 'appointmentId', 'decidedAt'];
const CANCEL_FIELDS = ['state', 'cancelledAt'];
const CHECK_IN_FIELDS = ['state', 'checkedInAt'];
const ERASE_FIELDS = ['resident', 'erasedAt'];

/**
 * A booking is asked for by a resident at the hall whose portal he used (its scope and his
 * author's hall), in his own name (the author is the resident it names), for a hall of the
 * district that handles the matter and a matter the catalogue lets residents book (in its
 * category), and goes to both halls; only the hall it is for decides it — booked with its
 * appointment's id, or refused with a reason — and marks it checked in at its kiosk; either hall
 * may cancel it while it is asked for or booked; once decided and past the district's keeping
 * (its slot plus `BOOKING_PERSONAL_DATA_DAYS`, against the checker's clock), the hall it is for
 * erases the resident's ID number and phone, saying when (`erasedAt`); nothing else about it ever
 * changes. Signed by its writer; never deleted.
 */
export function checkBooking(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): WriteDecision {
  const doc = bookingDocSchema.parse(raw);
  const parties = [...new Set([doc.scope, doc.hall])];
  if (doc.parties.length !== parties.length || parties.some((p) => !doc.parties.includes(p)))
    return deny("a booking's parties are the hall that took it and the hall it is for");
  const level = levelOfPath(doc.hall);
  if (level === undefined || isDepartmentPath(doc.hall)) return deny(`${doc.hall} is no hall residents book`);
  if (!isWithin(doc.hall, doc.scope.split('/')[0]!)) return deny(`${doc.hall} is outside the district`);
  if (!/^booking:[0-9a-f-]{36}$/.test(doc._id)) return deny("a booking's id is booking:<uuid>");
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (!current) {
    if (doc.scope !== writer.org) return deny('a booking is written by the hall whose portal took it');
    if (doc.author.id !== `resident:${doc.resident.account}` || doc.author.org !== writer.org)
      return deny("a booking is the resident's own, made at the hall that writes it");
    const matter = ctx.matter(doc.matterCode);
    if (!matter?.bookable) return deny(`${doc.matterCode} is not a matter residents may book`);
    if (matter.category !== doc.category) return deny(`${doc.matterCode} is in category ${matter.category}`);
    if (!matter.levels.includes(level)) return deny(`${doc.hall} does not handle ${doc.matterCode}`);
    if (
      doc.state !== 'requested' ||
      doc.reason ||
      doc.appointmentId ||
      doc.decidedAt ||
      doc.checkedInAt ||
      doc.cancelledAt ||
      doc.erasedAt ||
      !doc.resident.idNumber ||
      !doc.resident.phone
    )
      return deny('a booking starts as a request');
    return decide(proofProblem(writer, raw, ctx));
  }
  const from = String(current.state);
  if (doc.erasedAt && !current.erasedAt) {
    const problem = erasureProblem(writer, doc, current, raw, ctx);
    if (problem) return deny(problem);
  } else if (doc.state === 'booked' || doc.state === 'refused') {
    if (writer.org !== doc.hall) return deny(`only ${doc.hall} decides its bookings`);
    if (from !== 'requested') return deny(`a booking ${from} is not decided again`);
    if (doc.state === 'booked' ? !doc.appointmentId : !doc.reason)
      return deny(doc.state === 'booked' ? 'a booking booked names its appointment' : 'a booking refused says why');
    const changed = changedField(current, raw, DECISION_FIELDS);
    if (changed) return deny(`deciding a booking changes nothing else, not ${changed}`);
  } else if (doc.state === 'checked-in') {
    if (writer.org !== doc.hall) return deny(`only ${doc.hall} checks its bookings in`);
    if (from !== 'booked' || !doc.checkedInAt) return deny(`a booking ${from} is not checked in`);
    const changed = changedField(current, raw, CHECK_IN_FIELDS);
    if (changed) return deny(`checking a booking in changes nothing else, not ${changed}`);
  } else if (doc.state === 'cancelled') {
    if (writer.org !== doc.scope && writer.org !== doc.hall)
      return deny('a booking is cancelled by the hall that took it or the hall it is for');
    if (from !== 'requested' && from !== 'booked') return deny(`a booking ${from} is not cancelled`);
    const changed = changedField(current, raw, CANCEL_FIELDS);
    if (changed) return deny(`cancelling a booking changes nothing else, not ${changed}`);
  } else {
    return deny('a booking goes back to no earlier state');
  }
  return decide(proofProblem(writer, raw, ctx));
}

/**
 * What is wrong with erasing a booking's personal data: only the hall it is for erases, only a
 * booking decided (a request still needs them to be booked), only once its slot is the district's
 * keeping behind the checker's clock and the stated `erasedAt`, and only the ID number and phone
 * both go — the account and name (the resident's own list), state, counts and times stay.
 */
function erasureProblem(
  writer: Writer,
  doc: BookingDoc,
  current: Record<string, unknown>,
  raw: Record<string, unknown>,
  ctx: WriteContext,
): string | undefined {
  if (writer.org !== doc.hall) return `only ${doc.hall} erases its bookings`;
  if (doc.state !== current.state) return 'erasing a booking does not move its state';
  if (doc.state === 'requested') return 'a booking is decided before it is erased';
  const from = bookingErasableFrom(doc.slot);
  if (ctx.now.getTime() < from || Date.parse(doc.erasedAt!) < from)
    return `a booking is erased no earlier than ${BOOKING_PERSONAL_DATA_DAYS} days after its slot`;
  if (doc.resident.idNumber !== undefined || doc.resident.phone !== undefined)
    return "erasing a booking removes both the resident's ID number and phone";
  const before = bookingResidentSchema.safeParse(current.resident);
  if (!before.success || before.data.account !== doc.resident.account || before.data.name !== doc.resident.name)
    return "erasing a booking keeps the resident's account and name";
  const changed = changedField(current, raw, ERASE_FIELDS);
  return changed ? `erasing a booking changes nothing else, not ${changed}` : undefined;
}

import { bookingDocSchema } from '../booking.js';
import { isDepartmentPath, isWithin, levelOfPath } from '../org-path.js';
import { changedField } from './immutable-fields.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/** What each move of a booking may change besides its state. */
const DECISION_FIELDS = ['state', 'reason', 'appointmentId', 'decidedAt'];
const CANCEL_FIELDS = ['state', 'cancelledAt'];
const CHECK_IN_FIELDS = ['state', 'checkedInAt'];

/**
 * A booking is asked for by a resident at the hall whose portal he used (its scope and his
 * author's hall), in his own name (the author is the resident it names), for a hall of the
 * district that handles the matter and a matter the catalogue lets residents book (in its
 * category), and goes to both halls; only the hall it is for decides it — booked with its
 * appointment's id, or refused with a reason — and marks it checked in at its kiosk; either hall
 * may cancel it while it is asked for or booked; nothing else about it ever changes. Signed by its writer; never deleted.
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
      doc.cancelledAt
    )
      return deny('a booking starts as a request');
    return decide(proofProblem(writer, raw, ctx));
  }
  const from = String(current.state);
  if (doc.state === 'booked' || doc.state === 'refused') {
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

import { bookingDocSchema } from '../booking.js';
import { bookingNotice, bookingNoticeId } from '../booking-notice.js';
import { caseNamesOf } from '../case-view/case-names.js';
import { noticeContentProblem } from '../notice-content.js';
import { noticeDocSchema, type NoticeDoc } from '../notice.js';
import { renderNotice } from '../notice-templates.js';
import { changedField } from './immutable-fields.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/** The outbox's own bookkeeping: what changes as a notice is sent or retried. */
const SENDING_FIELDS = ['status', 'attempts', 'nextAttemptAt', 'sentAt', 'lastError'];

/**
 * One sender per case (the hall that accepted it): a notice is written and updated only by that
 * hall, for that case's applicant, saying what the case calls for (`noticeContentProblem`) in the
 * text its template gives; once written, only the sending state changes, attempts only grow, and
 * a notice sent (or given up, or opted out of) stays so. Never deleted: it is the record of what was sent.
 */
export async function checkNotice(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const doc = noticeDocSchema.parse(raw);
  if (doc.scope !== writer.org || doc.parties.length !== 1 || doc.parties[0] !== writer.org)
    return deny('a hall writes only its own notices');
  if (!doc._id.startsWith(`notice:${doc.caseId}:`)) return deny("a notice's id names its case");
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  const content = doc.caseId.startsWith('booking:')
    ? await bookingNoticeProblem(writer, doc, current !== undefined, ctx)
    : await caseNoticeProblem(writer, doc, ctx);
  if (content) return deny(content);
  if (renderNotice(doc.template, doc.params, ctx.orgName(writer.org)) !== doc.text)
    return deny(`the text is not what template ${doc.template} gives`);
  if (current) {
    const changed = changedField(current, raw, SENDING_FIELDS);
    if (changed) return deny(`a notice changes only its sending state, not ${changed}`);
    if (doc.attempts < (current.attempts as number)) return deny('attempts only grow');
    if (current.status !== 'pending' && doc.status !== current.status)
      return deny(`a notice ${String(current.status)} stays ${String(current.status)}`);
  }
  return decide(proofProblem(writer, raw, ctx));
}

/** Why a case's notice is not its accepting hall's, or not what the case calls for. */
async function caseNoticeProblem(writer: Writer, doc: NoticeDoc, ctx: WriteContext): Promise<string | undefined> {
  const kase = await ctx.caseDoc(`case:${doc.caseId}`);
  if (!kase) return `no case ${doc.caseId} is held for this notice`;
  if (kase.scope !== writer.org)
    return `case ${doc.caseId} was accepted by ${kase.scope}, which alone sends its notices`;
  return noticeContentProblem(doc, kase, caseNamesOf(ctx.orgName, ctx.matter));
}

/**
 * Why a booking's notice is not what its decision calls for: only the hall that decided it sends
 * it, once, to the resident's phone on the booking, saying the decision (sync/booking-notice.ts).
 * A booking erased since keeps its notice's sending state changing, but takes no new notice.
 */
async function bookingNoticeProblem(
  writer: Writer,
  doc: NoticeDoc,
  held: boolean,
  ctx: WriteContext,
): Promise<string | undefined> {
  const parsed = bookingDocSchema.safeParse(await ctx.doc(doc.caseId));
  if (!parsed.success) return `no booking ${doc.caseId} is held for this notice`;
  const booking = parsed.data;
  if (booking.hall !== writer.org) return `booking ${doc.caseId} is decided by ${booking.hall}, which alone tells it`;
  if (doc._id !== bookingNoticeId(doc.caseId)) return 'a booking calls for one notice, of its decision';
  if (booking.resident.phone ? doc.phone !== booking.resident.phone : !held)
    return "a booking's notice goes to the phone on the booking";
  const expected = bookingNotice(booking);
  if (!expected) return `booking ${doc.caseId} is not decided`;
  if (doc.template !== expected.template) return `the booking's notice is a ${expected.template}, not ${doc.template}`;
  const given = Object.entries(doc.params).sort().join(';');
  const wanted = Object.entries(expected.params).sort().join(';');
  return given === wanted ? undefined : 'the parameters are not what the booking says';
}

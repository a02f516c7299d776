import { caseNamesOf } from '../case-view/case-names.js';
import { noticeContentProblem } from '../notice-content.js';
import { noticeDocSchema } from '../notice.js';
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
  const kase = await ctx.caseDoc(`case:${doc.caseId}`);
  if (!kase) return deny(`no case ${doc.caseId} is held for this notice`);
  if (kase.scope !== writer.org)
    return deny(`case ${doc.caseId} was accepted by ${kase.scope}, which alone sends its notices`);
  const content = noticeContentProblem(doc, kase, caseNamesOf(ctx.orgName, ctx.matter));
  if (content) return deny(content);
  if (renderNotice(doc.template, doc.params, ctx.orgName(writer.org)) !== doc.text)
    return deny(`the text is not what template ${doc.template} gives`);
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (current) {
    const changed = changedField(current, raw, SENDING_FIELDS);
    if (changed) return deny(`a notice changes only its sending state, not ${changed}`);
    if (doc.attempts < (current.attempts as number)) return deny('attempts only grow');
    if (current.status !== 'pending' && doc.status !== current.status)
      return deny(`a notice ${String(current.status)} stays ${String(current.status)}`);
  }
  return decide(proofProblem(writer, raw, ctx));
}

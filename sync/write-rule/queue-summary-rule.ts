import { queueSummaryDocId, queueSummaryDocSchema } from '../queue-summary.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * A hall's daily queue summary is its own: written and changed only by that hall, under the id of
 * its day and hall, its parties the hall alone, signed; it carries counts and times and nothing
 * else (`checkWrite` refuses a field the schema does not name, so no phone or ID number rides along); a final
 * summary stays as it is.
 */
export function checkQueueSummary(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): WriteDecision {
  const doc = queueSummaryDocSchema.parse(raw);
  if (doc.scope !== writer.org || doc.hall !== writer.org)
    return deny(`a queue summary is its own hall's, not ${doc.hall}'s`);
  if (doc.parties.length !== 1 || doc.parties[0] !== doc.scope) return deny("a queue summary's parties are its hall");
  if (doc._id !== queueSummaryDocId(doc.day, doc.hall)) return deny("a queue summary's id is its day and hall");
  if (doc.called > doc.issued || doc.finished > doc.called || doc.noShows > doc.issued)
    return deny("a queue summary's counts do not add up");
  if (doc.categories.some((c) => c.called > c.issued || c.finished > c.called))
    return deny("a queue summary's counts do not add up");
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (current && current.scope !== writer.org) return deny('only its hall changes a queue summary');
  if (current?.final === true) return deny('a final queue summary stays as it is');
  return decide(proofProblem(writer, raw, ctx));
}

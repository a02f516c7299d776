import { canonicalJson } from '../canonical-json.js';
import { isWithin } from '../org-path.js';
import { foldCase } from '../case-state.js';
import { caseRatingSubject, followUpDocSchema, ratingDocId, ratingDocSchema } from '../rating.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * 好差评 is given once. A case's rating is written for a completed case, about exactly that case,
 * by the hall that accepted it (window device, SMS link, the default when nobody rated) or, for
 * the resident's own online rating, by an office holding the case; a resident's rating may replace
 * a default one, nothing replaces a resident's. A visit is rated at the hall that served it. A
 * follow-up answers a bad rating once, from the hall it rates. Neither is ever deleted.
 */
export async function checkRating(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (raw.kind === 'follow-up') return checkFollowUp(writer, raw, current, ctx);
  const doc = ratingDocSchema.parse(raw);
  if (doc._id !== ratingDocId(doc.subject)) return deny("a rating's id is its subject");
  if (doc.scope !== doc.subject.hall) return deny('a rating belongs to the hall whose work it rates');
  if (doc.subject.kind === 'visit') {
    if (doc.subject.hall !== writer.org || doc.parties.length !== 1 || doc.parties[0] !== writer.org)
      return deny('a visit is rated at the hall that served it');
  } else {
    const kase = await ctx.caseDoc(`case:${doc.subject.caseId}`);
    if (!kase) return deny(`no case ${doc.subject.caseId} is held for this rating`);
    let state: ReturnType<typeof foldCase>;
    try {
      state = foldCase(kase);
    } catch {
      return deny('the rated case has no valid acceptance');
    }
    const subject = caseRatingSubject(state);
    if (!subject) return deny('only a completed case is rated');
    if (canonicalJson(subject) !== canonicalJson(doc.subject))
      return deny('the rating does not describe the case it names');
    const byHall = writer.org === state.scope;
    if (doc.channel === 'online' ? !state.parties.includes(writer.org) : !byHall)
      return deny(`${writer.org} may not write a ${doc.channel} rating of this case`);
    const stray = doc.parties.find((p) => !state.parties.includes(p));
    if (stray || !doc.parties.includes(state.scope)) return deny("a rating's parties are its case's");
  }
  if (current) {
    if (current.channel !== 'default') return deny('a rating is given once');
    if (doc.channel === 'default') return deny('a default rating is written once');
    if (canonicalJson(current.subject) !== canonicalJson(doc.subject)) return deny("a rating's subject never changes");
  }
  return decide(proofProblem(writer, raw, ctx));
}

async function checkFollowUp(
  writer: Writer,
  raw: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const doc = followUpDocSchema.parse(raw);
  if (current) return deny('a follow-up is answered once');
  const rating = await ctx.rating(doc.ratingId);
  if (!rating || rating.followUpBy === undefined) return deny('no bad rating is held for this follow-up');
  if (doc._id !== `${doc.ratingId}:follow-up`) return deny("a follow-up's id is its rating's");
  if (!isWithin(rating.subject.hall, writer.org) || doc.scope !== rating.scope)
    return deny('the hall rated, or an office above it, answers the follow-up');
  if (canonicalJson([...doc.parties].sort()) !== canonicalJson([...rating.parties].sort()))
    return deny('a follow-up goes where its rating goes');
  return decide(proofProblem(writer, raw, ctx));
}

import { foldCase, type CaseState } from '../case-state.js';
import { licenceDocId, licenceDocSchema, licenceHolderDigest, licenceSealInput } from '../licence.js';
import { isWithin } from '../org-path.js';
import { changedField } from './immutable-fields.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * An electronic licence is issued only by the office that completed its case, as that completion
 * recorded it (number, type, validity, the holder's key over the case's applicant), sealed by that
 * office's node; afterwards it changes only by being revoked, once, by the issuer or an office
 * above it (its first revision to arrive may already be revoked, by a clerk of the issuer, when it
 * was revoked before it reached the hub). Never deleted: the register keeps what was issued.
 */
/** How far ahead of the checker's clock a revocation may be dated: the revoking node's clock against the hub's. */
const REVOKED_AHEAD_MS = 10 * 60_000;

export async function checkLicence(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const doc = licenceDocSchema.parse(raw);
  if (doc._id !== licenceDocId(doc.number)) return deny("a licence's id is its number");
  // A revocation dated ahead would leave the licence in force until then, and refuse the real one.
  if (
    doc.revoked &&
    (Date.parse(doc.revoked.at) > ctx.now.getTime() + REVOKED_AHEAD_MS ||
      Date.parse(doc.revoked.at) < Date.parse(doc.issuedAt))
  )
    return deny('a licence is revoked between its issue and now');
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (current) {
    const changed = changedField(current, raw, ['revoked']);
    if (changed) return deny(`a licence changes only by being revoked, not ${changed}`);
    if (current.revoked !== undefined) return deny('a licence is revoked once, for good');
    if (!doc.revoked) return deny('nothing to change');
    if (!isWithin(doc.issuer, writer.org)) return deny(`only ${doc.issuer} or an office above it revokes its licences`);
    if (!isWithin(doc.revoked.by.org, writer.org) || !doc.revoked.by.id.startsWith('staff:'))
      return deny('a revocation names a clerk of the revoking office');
    return decide(proofProblem(writer, raw, ctx));
  }
  // Issued and revoked before the hub saw it (告知承诺 found untrue at once): only its latest revision arrives.
  if (doc.revoked && (doc.revoked.by.org !== writer.org || !doc.revoked.by.id.startsWith('staff:')))
    return deny('a licence is issued in force, or revoked by a clerk of its issuer');
  if (
    doc.issuer !== writer.org ||
    doc.scope !== writer.org ||
    doc.parties.length !== 1 ||
    doc.parties[0] !== writer.org
  )
    return deny('a licence is issued by the writing office, in its own name');
  if (doc.issuerName !== ctx.orgName(writer.org))
    return deny(`a licence of ${writer.org} names it ${ctx.orgName(writer.org)}, not ${doc.issuerName}`);
  if (doc.seal.kid !== writer.kid || !ctx.verify(doc.seal.kid, licenceSealInput(doc, doc.seal.kid), doc.seal.sig))
    return deny('the licence is not sealed by the writing node');
  const kase = await ctx.caseDoc(`case:${doc.caseId}`);
  if (!kase) return deny(`no case ${doc.caseId} is held for this licence`);
  let state: CaseState;
  try {
    state = foldCase(kase);
  } catch {
    return deny(`case ${doc.caseId} has no valid beginning`);
  }
  const completion = kase.events.find((e) => e.kind === 'completed');
  if (state.status !== 'completed' || completion?.kind !== 'completed')
    return deny(`case ${doc.caseId} is not completed`);
  if (completion.actor.org !== writer.org)
    return deny(`case ${doc.caseId} was completed by ${completion.actor.org}, which alone issues its licences`);
  const issued = state.licences.find((l) => l.number === doc.number);
  if (!issued) return deny(`the completion of case ${doc.caseId} issued no licence ${doc.number}`);
  if (issued.licenceType !== doc.licenceType || issued.validUntil !== doc.validUntil || completion.at !== doc.issuedAt)
    return deny('the licence differs from what the completion issued');
  if (kase.matterCode !== doc.matterCode) return deny('the licence names another matter');
  const spec = ctx
    .matter(kase.matterCode, kase.matterVersion ?? 1)
    ?.issues?.find((i) => i.licenceType === doc.licenceType);
  if (!spec || spec.name !== doc.licenceName)
    return deny(`${kase.matterCode} issues no ${doc.licenceType} named ${doc.licenceName}`);
  if (doc.holderKind !== kase.applicant.kind || (await licenceHolderDigest(issued.key, kase.applicant)) !== doc.holder)
    return deny("the licence is not bound to the case's applicant");
  return decide(proofProblem(writer, raw, ctx));
}

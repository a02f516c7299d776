import { canonicalJson } from '../canonical-json.js';
import { matterDraftDocId, matterDraftProblems, matterDraftSchema, type MatterDraftDoc } from '../matter-draft.js';
import { cityCodeProblem } from './city-code-rule.js';
import { attachedFileProblem } from './material-rule.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/** What a draft proposes, apart from its state and review. */
const proposal = (d: MatterDraftDoc) =>
  canonicalJson({ matter: d.matter ?? null, retire: d.retire, effectiveFrom: d.effectiveFrom });

/**
 * A matter draft is the district center's own (scope and parties the district, signed): created as
 * a draft, edited while a draft (an edit of an approved draft takes it back to draft, without its
 * review), approved by a second admin, never its drafter, published only once approved and
 * unchanged, and a published draft never changes. Its code, version and drafter never change; it
 * proposes a matter of its own code without a catch-all material clause, or retires it; it carries
 * as attachments exactly the blank forms and samples its matter lists. A code of the city
 * catalogue is never drafted at a district.
 */
export async function checkMatterDraft(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const doc = matterDraftSchema.parse(raw);
  if (writer.org.includes('/') || doc.scope !== writer.org) return deny("matter drafts are the district center's own");
  if (doc.parties.length !== 1 || doc.parties[0] !== doc.scope)
    return deny("a matter draft's parties are the district");
  if (doc._id !== matterDraftDocId(doc.code, doc.version)) return deny("a matter draft's id is its code and version");
  const city = cityCodeProblem(doc.code, writer.org, ctx);
  if (city) return deny(city);
  if (doc.retire ? doc.matter !== undefined : doc.matter?.code !== doc.code)
    return deny('a draft proposes a matter of its own code, or retires it');
  if (doc.matter && matterDraftProblems(doc.matter).length)
    return deny(
      `the draft's materials: ${matterDraftProblems(doc.matter)
        .map((i) => i.reason)
        .join('; ')}`,
    );
  const files = await filesProblem(raw, doc, ctx);
  if (files) return deny(files);
  if (doc.review && doc.review.by.id === doc.drafter.id)
    return deny('a draft is reviewed by another admin than its drafter');
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (!current) {
    if (doc.state !== 'draft' || doc.review || doc.published) return deny('a matter draft starts as a draft');
    return decide(proofProblem(writer, raw, ctx));
  }
  const before = matterDraftSchema.parse(current);
  if (before.code !== doc.code || before.version !== doc.version || before.drafter.id !== doc.drafter.id)
    return deny("a draft's code, version and drafter never change");
  if (before.state === 'published') return deny('a published draft stays as it is');
  const same = proposal(before) === proposal(doc);
  if (doc.state === 'draft' && (doc.review || doc.published)) return deny('a draft carries no review');
  if (doc.state === 'approved' && (!doc.review || doc.published || !same || before.state !== 'draft'))
    return deny('an approval reviews the draft as it stands');
  if (
    doc.state === 'published' &&
    (before.state !== 'approved' ||
      !doc.published ||
      !same ||
      canonicalJson(doc.review) !== canonicalJson(before.review))
  ) {
    return deny('only an approved draft is published, as it was approved');
  }
  return decide(proofProblem(writer, raw, ctx));
}

/** Its attachments are exactly the files its matter lists, each of an allowed type and size, matching its digest. */
async function filesProblem(
  raw: Record<string, unknown>,
  doc: MatterDraftDoc,
  ctx: WriteContext,
): Promise<string | undefined> {
  const attachments = (raw._attachments ?? {}) as Record<string, { content_type?: string; data?: string }>;
  const files = doc.matter?.files ?? [];
  const names = Object.keys(attachments);
  if (names.length !== files.length || files.some((f) => !(f.id in attachments)))
    return "a draft's attachments are exactly its matter's files";
  for (const f of files) {
    if (f.size > ctx.bounds.attachmentBytes)
      return `file ${f.id} of ${f.size} bytes exceeds the bound of ${ctx.bounds.attachmentBytes}`;
    const problem = await attachedFileProblem(attachments[f.id]!, f);
    if (problem) return `${f.id}: ${problem}`;
  }
  return undefined;
}

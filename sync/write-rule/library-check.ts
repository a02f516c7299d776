import type { CaseDoc, CaseEvent } from '../case.js';
import type { LibraryUse } from '../library-use.js';
import { licenceDocId, licenceDocSchema, licenceHolderDigest, licenceLapse } from '../licence.js';
import { levelOfMaterial, materialDocSchema } from '../material.js';
import type { Matter } from '../matter.js';
import type { WriteContext } from './write-context.js';

/** A day's slack on a licence's validity: the catalogue counts years, the completing clerk dates the end. */
const DAY_MS = 86_400_000;

/**
 * Why materials a case takes from the applicant's library (免提交) are not his to take at `at`: a
 * licence must be held, of the type the material names, in force, and provably the applicant's
 * (its holder digest over the key the case records); a scan must be a clerk-checked (B) copy of
 * the same material from a case of the same applicant. The seal of a licence was checked when the
 * hub admitted it; the node checks it again against its certificate before it takes it.
 */
export async function libraryProblem(
  doc: CaseDoc,
  uses: readonly LibraryUse[],
  at: string,
  ctx: WriteContext,
): Promise<string | undefined> {
  const matter = ctx.matter(doc.matterCode);
  const seen = new Set<string>();
  for (const u of uses) {
    if (seen.has(u.materialId)) return `${u.materialId} is taken from the library twice`;
    seen.add(u.materialId);
    const spec = matter?.materials.find((m) => m.id === u.materialId);
    if (!spec) return `${u.materialId} is not a material of ${doc.matterCode}`;
    if (u.source === 'licence') {
      if (spec.licence === undefined) return `no licence stands for ${u.materialId}`;
      const parsed = licenceDocSchema.safeParse(await ctx.doc(licenceDocId(u.number)));
      if (!parsed.success) return `licence ${u.number} is not in the register held here`;
      const licence = parsed.data;
      if (licence.licenceType !== spec.licence)
        return `licence ${u.number} is a ${licence.licenceType}, not a ${spec.licence}`;
      const lapse = licenceLapse(licence, at);
      if (lapse) return `licence ${u.number}: ${lapse}`;
      if ((await licenceHolderDigest(u.key, doc.applicant)) !== licence.holder)
        return `licence ${u.number} is not the applicant's`;
    } else {
      const parsed = materialDocSchema.safeParse(await ctx.doc(u.docId));
      if (!parsed.success) return `material ${u.docId} is not held here`;
      const m = parsed.data;
      if (m.materialId !== u.materialId || m.caseId !== u.caseId)
        return `material ${u.docId} is not a ${u.materialId} of case ${u.caseId}`;
      if (levelOfMaterial(m) !== 'B')
        return `material ${u.docId} is level ${levelOfMaterial(m)}: only A and B are taken without paper`;
      const holder = await ctx.applicantOf(u.caseId);
      if (holder?.idType !== doc.applicant.idType || holder.idNumber !== doc.applicant.idNumber)
        return `material ${u.docId} is not the applicant's`;
    }
  }
  return undefined;
}

/**
 * Why a completion does not issue the matter's licences as the catalogue says: one of each type
 * it issues, numbers distinct, valid from completion for at most the catalogue's years.
 */
export function licencesProblem(
  matter: Matter | undefined,
  e: Extract<CaseEvent, { kind: 'completed' }>,
): string | undefined {
  const issues = matter?.issues ?? [];
  const given = e.licences ?? [];
  if (
    given.length !== issues.length ||
    issues.some((i) => given.filter((g) => g.licenceType === i.licenceType).length !== 1)
  ) {
    return `a completion issues the matter's licences, one of each (${issues.map((i) => i.licenceType).join(', ') || 'none'})`;
  }
  if (new Set(given.map((g) => g.number)).size !== given.length) return 'licence numbers repeat';
  const from = Date.parse(e.at);
  for (const g of given) {
    const years = issues.find((i) => i.licenceType === g.licenceType)?.validYears;
    if (g.validUntil === undefined) {
      if (years !== undefined) return `a ${g.licenceType} is valid for ${years} years, not without limit`;
      continue;
    }
    const until = Date.parse(g.validUntil);
    if (until <= from) return `licence ${g.number} would end before it begins`;
    if (years !== undefined && until > addYears(from, years) + DAY_MS)
      return `a ${g.licenceType} is valid for at most ${years} years`;
  }
  return undefined;
}

function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

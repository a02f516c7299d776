import { isWithin, ratingTypeDocSchema, type WriteDecision } from '../../sync/index.js';
import type { WriteBatch } from '../gateway/write-batch.js';

const deny = (reason: string): WriteDecision => ({ ok: false, reason });

/**
 * A rating (好差评) of a cross-district case, or a hall's follow-up answer to one, relayed by the
 * district whose hall wrote it, so the city's supervision counts it per district: written once,
 * never changed, signed by a hall of that district, about a case (or a rating) the city holds, naming no
 * party the case does not name. Visits are rated inside one hall and never come to the city.
 */
export async function checkCityRating(
  district: string,
  raw: Record<string, unknown>,
  batch: WriteBatch,
  /** Why its proof does not show it signed by a hall of the district acting for `author`, as the city checks materials. */
  proofProblem: (what: string, author: string) => Promise<string | undefined>,
): Promise<WriteDecision> {
  const parsed = ratingTypeDocSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid rating');
  const doc = parsed.data;
  if (!isWithin(doc.author.org, district)) return deny(`a rating by ${doc.author.org} is not ${district}'s to relay`);
  if ((await batch.heldOf(doc._id))?.leaves.some((l) => !l.deleted)) return deny('a rating never changes');
  const caseId =
    doc.kind === 'rating'
      ? doc.subject.kind === 'case'
        ? doc.subject.caseId
        : undefined
      : ((await batch.heldOf(doc.ratingId))?.leaves.find((l) => !l.deleted)?.body?.subject as { caseId?: string })
          ?.caseId;
  if (!caseId) return deny('the rating names no case the city holds');
  const kase = await batch.caseDoc(`case:${caseId}`);
  if (!kase) return deny('the rating names no case the city holds');
  const stray = doc.parties.find((p) => !kase.parties.includes(p));
  if (stray) return deny(`party ${stray} is not a party of the case`);
  const unproved = await proofProblem(doc.kind === 'rating' ? 'rating' : 'follow-up', doc.author.org);
  return unproved ? deny(unproved) : { ok: true };
}

import { HallnetError, type Commitment, type Matter } from '../../sync/index.js';

/**
 * 告知承诺: the commitments an applicant signs for `materialIds` of `matter`, as `signedBy` at
 * `at` — each must be a material of the matter that allows a commitment instead of the document
 * (else 422 naming it, and nothing is written).
 */
export function takeCommitments(
  matter: Matter,
  materialIds: readonly string[],
  signedBy: string,
  at: string,
  field: (id: string) => string,
): Commitment[] {
  const refused = [...new Set(materialIds)].filter(
    (id) => !matter.materials.some((m) => m.id === id && m.commitment === true),
  );
  if (refused.length)
    throw new HallnetError('ERR_COMMITMENT_NOT_ALLOWED', `no commitment for ${refused.join(', ')}`, {
      issues: refused.map((id) => ({
        field: field(id),
        reason: `${id} cannot be replaced by a commitment / ${matter.materials.find((m) => m.id === id)?.name ?? id} 不适用告知承诺，须提交材料`,
      })),
    });
  return [...new Set(materialIds)].map((materialId) => ({ materialId, signedBy, signedAt: at }));
}

import { z } from 'zod';
import {
  HallnetError,
  licenceHolderDigest,
  licenceKeySchema,
  licenceNumberSchema,
  materialSpecSchema,
  type LibraryUse,
  type Matter,
} from '../../sync/index.js';
import type { LicenceRegister } from '../licences/licence-register.js';
import type { ResidentLibrary } from './resident-library.js';
import type { Holder } from './verify-library.js';

/**
 * What the window or the portal asks to take from the library for a material: a licence (by its
 * number; with the holder's key when he shows his licence's QR, which works offline against the
 * public register), or an earlier scan (by its document id).
 */
export const libraryPickSchema = z.union([
  z.object({ materialId: materialSpecSchema.shape.id, number: licenceNumberSchema, key: licenceKeySchema.optional() }),
  z.object({
    materialId: materialSpecSchema.shape.id,
    docId: z.string().regex(/^material:[A-Za-z0-9-]{1,80}:[a-z0-9-]{1,40}:[A-Za-z0-9-]{1,80}$/),
  }),
]);
export type LibraryPick = z.infer<typeof libraryPickSchema>;

/**
 * Turns picks into the uses a case records, taking only what is usable without paper: a licence
 * in force whose seal verifies, of the type the material names, provably the holder's; a B scan of
 * the same material from his own earlier case. Anything else is refused naming the material:
 * a broken, revoked or expired licence is never accepted as a material.
 */
export async function resolvePicks(
  picks: readonly LibraryPick[],
  matter: Matter,
  holder: Holder,
  library: () => Promise<ResidentLibrary>,
  register: LicenceRegister,
): Promise<LibraryUse[]> {
  const uses: LibraryUse[] = [];
  let lib: ResidentLibrary | undefined;
  for (const pick of picks) {
    const spec = matter.materials.find((m) => m.id === pick.materialId);
    if (!spec)
      throw new HallnetError('ERR_VALIDATION', `no material ${pick.materialId}`, {
        issues: [{ field: 'library', reason: `${pick.materialId} is not a material of this matter / 非本事项材料` }],
      });
    if ('number' in pick) {
      if (spec.licence === undefined)
        throw itemError(pick.materialId, `no licence stands for ${spec.name} / ${spec.name}不能以电子证照代替`);
      let key = pick.key;
      if (key === undefined) {
        lib ??= await library();
        key = lib.licences.find((l) => l.number === pick.number)?.key;
        if (key === undefined)
          throw itemError(
            pick.materialId,
            `licence ${pick.number} is not among the applicant's / 申请人名下没有该证照`,
          );
      }
      const { doc, status } = await register.status(pick.number);
      if (!doc || status !== 'valid') {
        throw new HallnetError('ERR_LICENCE_INVALID', `licence ${pick.number}: ${status}`, {
          issues: [{ field: 'library', reason: `${spec.name}：电子证照无效（${status}）/ licence ${status}` }],
          detail: { number: pick.number, status },
        });
      }
      if (doc.licenceType !== spec.licence)
        throw itemError(
          pick.materialId,
          `licence ${pick.number} is a ${doc.licenceName}, not a ${spec.name} / 证照类型不符`,
        );
      if (doc.holder !== (await licenceHolderDigest(key, holder)))
        throw itemError(pick.materialId, `licence ${pick.number} is not the applicant's / 证照不属于申请人`);
      uses.push({ materialId: spec.id, source: 'licence', level: 'A', number: pick.number, key });
    } else {
      lib ??= await library();
      const m = lib.materials.find((x) => x.docId === pick.docId);
      if (!m || m.materialId !== spec.id)
        throw itemError(pick.materialId, `no earlier ${spec.id} of the applicant's ${pick.docId} / 材料库中没有该材料`);
      if (m.level !== 'B')
        throw itemError(
          pick.materialId,
          `${m.name} is level ${m.level}: only A and B are taken without paper / 该材料未经窗口核验原件，不能免提交`,
        );
      uses.push({ materialId: spec.id, source: 'material', level: 'B', docId: m.docId, caseId: m.caseId });
    }
  }
  return uses;
}

function itemError(materialId: string, reason: string): HallnetError {
  return new HallnetError('ERR_LIBRARY_ITEM', reason, {
    issues: [{ field: 'library', reason }],
    detail: { materialId },
  });
}

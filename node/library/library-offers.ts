import type { Matter } from '../../sync/index.js';
import type { LicenceStatus } from '../licences/licence-check.js';
import type { ResidentLibrary } from './resident-library.js';

/** What the library offers for one material of a matter: taken without paper (免提交), or why not. */
export type LibraryOffer =
  | { materialId: string; usable: true; level: 'A'; number: string; label: string }
  | { materialId: string; usable: true; level: 'B'; docId: string; label: string }
  | { materialId: string; usable: false; level: 'A' | 'C'; label: string; status?: LicenceStatus };

/**
 * For each material of `matter`, the best the holder's library has: a valid licence of the type
 * the material names (A), else the latest clerk-checked scan of the same material (B); and, so the
 * window can say why paper is still needed, a licence that is not valid or a scan still at C.
 */
export function libraryOffers(matter: Pick<Matter, 'materials'>, lib: ResidentLibrary): LibraryOffer[] {
  const out: LibraryOffer[] = [];
  for (const spec of matter.materials) {
    const licences = spec.licence === undefined ? [] : lib.licences.filter((l) => l.licenceType === spec.licence);
    const valid = licences.find((l) => l.status === 'valid');
    if (valid) {
      out.push({
        materialId: spec.id,
        usable: true,
        level: 'A',
        number: valid.number,
        label: `${valid.licenceName}（${valid.number}，${valid.issuerName}签发）`,
      });
      continue;
    }
    const scan = lib.materials.find((m) => m.materialId === spec.id && m.level === 'B');
    if (scan) {
      out.push({
        materialId: spec.id,
        usable: true,
        level: 'B',
        docId: scan.docId,
        label: `${scan.name}（${scan.matterName}，${scan.at.slice(0, 10)} 窗口已核验原件）`,
      });
      continue;
    }
    const lapsed = licences[0];
    if (lapsed) {
      out.push({
        materialId: spec.id,
        usable: false,
        level: 'A',
        label: `${lapsed.licenceName}（${lapsed.number}）`,
        status: lapsed.status,
      });
      continue;
    }
    const upload = lib.materials.find((m) => m.materialId === spec.id && m.level === 'C');
    if (upload)
      out.push({
        materialId: spec.id,
        usable: false,
        level: 'C',
        label: `${upload.name}（${upload.matterName}，网上上传，尚未核验原件）`,
      });
  }
  return out;
}

import type { Matter } from '../matter.js';

/** How a view of a case names what it refers to: offices by their published names, materials by the matter's guide. */
export interface CaseNames {
  orgName(path: string): string;
  /** The name the matter's guide gives a material, or undefined when the catalogue does not say. */
  materialName(matterCode: string, materialId: string): string | undefined;
  /** The name the matter's guide gives a licence type it issues (电子证照), or undefined when it does not say. */
  licenceName(matterCode: string, licenceType: string): string | undefined;
}

/** A material of a case with its name. */
export interface NamedMaterial {
  id: string;
  name: string;
}

/** Each of `ids` with its name (the id itself where the guide has none). */
export function namedMaterials(names: CaseNames, matterCode: string, ids: readonly string[]): NamedMaterial[] {
  return ids.map((id) => ({ id, name: names.materialName(matterCode, id) ?? id }));
}

/** The names a view of a case uses, from a district's published organisations and catalogue. */
export function caseNamesOf(
  orgName: (path: string) => string,
  matter: (code: string) => Matter | undefined,
): CaseNames {
  return {
    orgName,
    materialName: (m, id) => matter(m)?.materials.find((x) => x.id === id)?.name,
    licenceName: (m, type) => matter(m)?.issues?.find((i) => i.licenceType === type)?.name,
  };
}

import type { Matter } from '../matter.js';

/** The matter version a case was accepted under (a case without one: version 1, the seed's). */
export interface MatterRef {
  matterCode: string;
  matterVersion?: number | undefined;
}

/** How a view of a case names what it refers to: offices by their published names, materials by the guide of the case's own matter version. */
export interface CaseNames {
  orgName(path: string): string;
  /** The name the matter's guide gives a material, or undefined when the catalogue does not say. */
  materialName(matter: MatterRef, materialId: string): string | undefined;
  /** Every material the matter's guide lists, by name (none when the catalogue does not know the version). */
  materials(matter: MatterRef): NamedMaterial[];
  /** The name the matter's guide gives a licence type it issues (电子证照), or undefined when it does not say. */
  licenceName(matter: MatterRef, licenceType: string): string | undefined;
}

/** A material of a case with its name. */
export interface NamedMaterial {
  id: string;
  name: string;
}

/** Each of `ids` with its name (the id itself where the guide has none). */
export function namedMaterials(names: CaseNames, matter: MatterRef, ids: readonly string[]): NamedMaterial[] {
  return ids.map((id) => ({ id, name: names.materialName(matter, id) ?? id }));
}

/** The names a view of a case uses, from a district's published organisations and every published version of its catalogue. */
export function caseNamesOf(
  orgName: (path: string) => string,
  matter: (code: string, version: number) => Matter | undefined,
): CaseNames {
  const of = (m: MatterRef) => matter(m.matterCode, m.matterVersion ?? 1);
  return {
    orgName,
    materialName: (m, id) => of(m)?.materials.find((x) => x.id === id)?.name,
    materials: (m) => (of(m)?.materials ?? []).map(({ id, name }) => ({ id, name })),
    licenceName: (m, type) => of(m)?.issues?.find((i) => i.licenceType === type)?.name,
  };
}

// A case as the node's API answers it to the pages.
import type { CaseState } from '../../../sync/case-state.js';
import type { MaterialSpec } from '../../../sync/index.js';
import type { Light } from '../../domain/traffic-light.js';

/** A material of a case, with its name from the matter's guide. */
export interface NamedMaterial {
  id: string;
  name: string;
}

/**
 * A case as GET /api/cases/:id, the case lists and every event POST answer it (caseView in
 * node/http/routes/cases.ts): its folded state with its light, names, and materials named.
 */
export type CaseView = Omit<CaseState, 'outstanding' | 'received' | 'commitments'> & {
  light: Light | null;
  /** Working days waited for the applicant so far, while the light is paused. */
  pausedDays: number;
  scopeName: string;
  departmentName: string;
  outstanding: NamedMaterial[];
  received: NamedMaterial[];
  /** 告知承诺: materials the applicant stands for by his signed commitment (level D), by name. */
  commitments: (CaseState['commitments'][number] & { name: string })[];
  /** The materials of the matter's version the case was accepted (or applied) under. */
  matterMaterials: Pick<MaterialSpec, 'id' | 'name' | 'necessity'>[];
  /** Set by an action that finished the case at the clerk's open window: that window's device now offers its rating. */
  ratingOffer?: { window: string; windowName: string } | null;
};

/**
 * Material ids to names from the case's own matter version, so a material the clerk asked for
 * (or one since dropped from the catalogue) is named, not shown by its key.
 */
export function materialNames(
  c: Record<'matterMaterials' | 'received' | 'outstanding', readonly NamedMaterial[]>,
): Map<string, string> {
  return new Map([...c.matterMaterials, ...c.received, ...c.outstanding].map((m) => [m.id, m.name]));
}

/** A page of cases as GET /api/cases answers it. */
export interface CasePage {
  total: number;
  items: CaseView[];
}

/** An online application as GET /api/online/applications/:id answers its resident: the case and the files he sent. */
export type ApplicationView = CaseView & {
  files: { materialId: string; name: string; level: 'A' | 'B' | 'C' | 'D'; at: string; size: number }[];
};

// The ids of the district's catalogue editor (事项管理).
import { button, el, form, input, select, textarea, type ElementId } from './element-id.js';

/** Rendered by catalogue-editor-page.tsx. */
export const CATALOGUE_EDITOR = {
  msg: el('cat-msg'),
  atCenterOnly: el('cat-at-center-only'),
  cityMatters: el('cat-city-matters'),
  cityHeading: el('cat-city-heading'),
  draftForm: form('cat-draft-form'),
  matter: select('cat-matter'),
  load: button('cat-load'),
  name: input('cat-name'),
  nationalCode: input('cat-national-code'),
  promisedDays: input('cat-promised-days'),
  effectiveFrom: input('cat-effective-from'),
  retire: input('cat-retire'),
  matterType: select('cat-matter-type'),
  decidedBy: select('cat-decided-by'),
  department: select('cat-department'),
  legalDays: input('cat-legal-days'),
  makeUpDays: input('cat-make-up-days'),
  category: input('cat-category'),
  commitmentCheckDays: input('cat-commitment-check-days'),
  /** A 行使层级 checkbox (4 区, 5 街道, 6 社区). */
  level: (n: number) => input(`cat-level-${n}`),
  /** A 服务对象 checkbox (person, company). */
  serves: (kind: string) => input(`cat-serves-${kind}`),
  /** A yes/no field of the matter (instant, allowsMakeUp, online, bookable, courier). */
  flag: (name: string) => input(`cat-flag-${name}`),
  legalBasis: textarea('cat-legal-basis'),
  conditions: textarea('cat-conditions'),
  procedure: textarea('cat-procedure'),
  keywords: textarea('cat-keywords'),
  fees: textarea('cat-fees'),
  /** The rows of 并联审批 stages, of licences issued and of materials. */
  stages: el('cat-stages'),
  addStage: button('cat-add-stage'),
  issues: el('cat-issues'),
  addIssue: button('cat-add-issue'),
  /** The licence types the district's matters issue, by name, each with its key as data-licence-type. */
  licenceTypes: el('cat-licence-types'),
  materials: el('cat-materials'),
  addMaterial: button('cat-add-material'),
  /** A control in a row of stages, issues or materials, given its id when an error is shown there. */
  rowControl: (list: string, row: number, key: string) =>
    `cat-${list}-${row}-${key}` as ElementId<HTMLInputElement | HTMLSelectElement>,
  drafts: el('cat-drafts'),
} as const;

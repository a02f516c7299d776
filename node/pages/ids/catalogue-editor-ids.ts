// The ids of the district's catalogue editor (事项管理).
import { button, el, form, input, select, textarea } from './element-id.js';

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
  department: input('cat-department'),
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
  stages: textarea('cat-stages'),
  issues: textarea('cat-issues'),
  materials: el('cat-materials'),
  addMaterial: button('cat-add-material'),
  drafts: el('cat-drafts'),
} as const;

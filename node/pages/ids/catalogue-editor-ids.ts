// The ids of the district's catalogue editor (事项管理).
import { button, el, form, input, select } from './element-id.js';

/** Rendered by catalogue-editor-page.tsx. */
export const CATALOGUE_EDITOR = {
  msg: el('cat-msg'),
  draftForm: form('cat-draft-form'),
  matter: select('cat-matter'),
  load: button('cat-load'),
  name: input('cat-name'),
  nationalCode: input('cat-national-code'),
  promisedDays: input('cat-promised-days'),
  effectiveFrom: input('cat-effective-from'),
  retire: input('cat-retire'),
  materials: el('cat-materials'),
  addMaterial: button('cat-add-material'),
  drafts: el('cat-drafts'),
} as const;

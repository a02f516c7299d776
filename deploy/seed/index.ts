import type { Calendar, Category, Matter, Organisation } from '../../sync/index.js';
import { seedCalendars } from './seed-calendars.js';
import { seedMatters } from './catalogue/index.js';
import { seedCategories } from './categories.js';
import { seedOrganisations } from './organisations.js';

export { seedCalendars } from './seed-calendars.js';
export { seedMatters } from './catalogue/index.js';
export { CATEGORY, seedCategories } from './categories.js';
export { DEPARTMENTS, deptPath } from './departments.js';
export type { DeptSlug } from './departments.js';
export { seedOrganisations } from './organisations.js';
export { DISTRICT, SEED_AT, SEED_AUTHOR, seedDoc } from './seed-doc.js';

/** A document the seed writes: every public type a fresh district starts with. */
export type SeedDocument = Organisation | Category | Matter | Calendar;

/** Every seed document, each a complete replicated doc with `_id` and envelope: organisations, categories, matters, calendars. */
export function seedDocuments(): SeedDocument[] {
  return [...seedOrganisations(), ...seedCategories(), ...seedMatters(), ...seedCalendars()];
}

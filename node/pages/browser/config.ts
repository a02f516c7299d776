// The page's config block, rendered by the page's layout (node/pages/page-config.ts).
import { LAYOUT } from '../ids/shared-ids.js';
import type { PageConfig, PageData } from '../page-config.js';
import { byId } from './dom.js';

/** The page's config block: node, link state, labels and page data from the server. */
export const CONFIG = JSON.parse(byId(LAYOUT.hallnetConfig).textContent ?? '{}') as PageConfig;

/** The Chinese labels of API codes (node/pages/labels.ts). */
export const L = CONFIG.labels;

/** A field of the page's data that this page's scripts cannot do without. */
export function pageData<K extends keyof PageData>(key: K): NonNullable<PageData[K]> {
  const value = CONFIG[key];
  if (value === undefined || value === null) throw new Error(`the page's config has no ${key}`);
  return value;
}

/** A label for an API code, or the code itself when the table has none. */
export function label<T extends Record<string, string>>(table: T, code: string | undefined): string {
  return code === undefined ? '' : ((table as Record<string, string>)[code] ?? code);
}

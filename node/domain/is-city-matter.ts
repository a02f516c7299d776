import type { Matter } from '../../sync/index.js';

/**
 * Whether a matter is the city catalogue's (全市通办) as seen at the hall of `org`: any scope other
 * than the hall's district is the city's (the city link brings no other district's matters). The
 * city manages and publishes it; at a district it is read-only.
 */
export function isCityMatter(matter: Pick<Matter, 'scope'>, org: string): boolean {
  return matter.scope !== org.split('/')[0];
}

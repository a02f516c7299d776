import type { Level } from '../../../sync/index.js';

/**
 * The level an organisation path implies: the district center is the district itself (4), a
 * department sits at `<district>/dept/<x>` (4), a street at depth 2 (5), a community at depth 3
 * (6). Anything else is not a place a node can stand, so it has no level.
 */
export function expectedLevel(org: string): Level | undefined {
  const parts = org.split('/');
  if (parts.length === 1) return 4;
  if (parts[1] === 'dept') return parts.length === 3 ? 4 : undefined;
  if (parts.length === 2) return 5;
  if (parts.length === 3) return 6;
  return undefined;
}

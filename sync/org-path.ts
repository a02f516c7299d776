import { z } from 'zod';

/** An organisation path: slugs from the district down, `dongcheng/jingshan/huangchenggen`. */
export const orgPathSchema = z
  .string()
  .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'must be lowercase slugs joined by "/"')
  .max(200);

export type OrgPath = z.infer<typeof orgPathSchema>;

/** True when `path` is `ancestor` itself or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** Whether `path` lies strictly below `ancestor`. */
export function isBelow(path: string, ancestor: string): boolean {
  return path !== ancestor && isWithin(path, ancestor);
}

/** The path and every ancestor, nearest first: `a/b/c` → `a/b/c`, `a/b`, `a`. */
export function selfAndAncestors(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** The parent path, or undefined for the district root. */
export function parentOf(path: string): string | undefined {
  const i = path.lastIndexOf('/');
  return i < 0 ? undefined : path.slice(0, i);
}

/**
 * The GB/T 39046 level an organisation path implies: the district center is the district itself
 * (4), a department sits at `<district>/dept/<x>` (4), a street at depth 2 (5), a community at
 * depth 3 (6). Anything else is not a place a node can stand, so it has no level.
 */
export function levelOfPath(path: string): 4 | 5 | 6 | undefined {
  const parts = path.split('/');
  if (parts.length === 1) return 4;
  if (parts[1] === 'dept') return parts.length === 3 ? 4 : undefined;
  if (parts.length === 2) return 5;
  if (parts.length === 3) return 6;
  return undefined;
}

/** Whether a path is the district center's: the district itself, where the catalogue and the figures are published. */
export function isDistrictCenter(path: string): boolean {
  return !path.includes('/');
}

/** Whether a path is a department's (`<district>/dept/<slug>`): a back office, not a hall residents walk into. */
export function isDepartmentPath(path: string): boolean {
  const parts = path.split('/');
  return parts.length === 3 && parts[1] === 'dept';
}

/**
 * Whether staff of `staffOrg` may act at the node of `nodeOrg`: at the nodes of their own subtree
 * (a community clerk at his station, a street's at the street and its stations, the district's
 * anywhere), and a department's staff also at the district center, where departments keep desks
 * (进驻中心: 首席代表 and their back office) instead of a node of their own.
 */
export function staffMayActAt(staffOrg: string, nodeOrg: string): boolean {
  if (isWithin(nodeOrg, staffOrg)) return true;
  return isDepartmentPath(staffOrg) && nodeOrg === staffOrg.split('/')[0];
}

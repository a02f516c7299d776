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

/** The GB/T 39046 level an organisation path implies: the district and its departments 4, streets 5, communities 6. */
export function levelOfPath(path: string): 4 | 5 | 6 {
  const parts = path.split('/');
  if (parts.length === 1 || parts[1] === 'dept') return 4;
  return parts.length === 2 ? 5 : 6;
}

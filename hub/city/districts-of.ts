import { isPublicType } from '../../sync/index.js';

/** The districts a document's parties lie in: the first slug of each organisation path. */
export function districtsOf(parties: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(parties)) return out;
  for (const p of parties) if (typeof p === 'string' && p !== '') out.add(p.split('/')[0]!);
  return out;
}

/** The types that cross districts through the city: a case and its materials, nothing else a hall writes. */
export const CROSSING_TYPES: ReadonlySet<string> = new Set(['case', 'material']);

/**
 * Whether a district's hub sends `doc` up to the city: a case or material whose parties name
 * `district` and at least one other district (跨区通办). Purely internal casework never leaves.
 */
export function crossesFrom(doc: Readonly<Record<string, unknown>>, district: string): boolean {
  if (typeof doc.type !== 'string' || !CROSSING_TYPES.has(doc.type) || isPublicType(doc.type)) return false;
  const districts = districtsOf(doc.parties);
  return districts.has(district) && districts.size > 1;
}

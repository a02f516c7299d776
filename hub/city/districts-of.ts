import { CITY_JWKS_DOC_ID, isDistrictRootDoc, isPublicType, isWithin } from '../../sync/index.js';

/** The districts a document's parties lie in: the first slug of each organisation path. */
export function districtsOf(parties: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(parties)) return out;
  for (const p of parties) if (typeof p === 'string' && p !== '') out.add(p.split('/')[0]!);
  return out;
}

/**
 * The types that cross districts through the city: a case, its materials and its ratings (going up
 * only: the city's supervision counts them), nothing else a hall writes.
 */
export const CROSSING_TYPES: ReadonlySet<string> = new Set(['case', 'material', 'rating']);

/**
 * Whether a district's hub sends `doc` up to the city: a case or material whose parties name
 * `district` and at least one other district (跨区通办). Purely internal casework never leaves.
 */
export function crossesFrom(doc: Readonly<Record<string, unknown>>, district: string): boolean {
  if (typeof doc.type !== 'string' || !CROSSING_TYPES.has(doc.type) || isPublicType(doc.type)) return false;
  const districts = districtsOf(doc.parties);
  return districts.has(district) && districts.size > 1;
}

/** A revocation of a node certificate (not of a grant). */
export function isCertificateRevocation(doc: Readonly<Record<string, unknown>>): boolean {
  return doc.type === 'revocation' && doc.what === 'certificate';
}

/**
 * Whether a district hub sends `doc` to the city: casework that crosses (`crossesFrom`, and so a
 * case's branch its compactor retired, whose tombstone keeps type and parties), and its own halls'
 * certificates and their revocations, so halls of other districts can check what they signed, and
 * when they stopped being trusted to.
 */
export function goesUp(doc: Readonly<Record<string, unknown>>, district: string): boolean {
  if (isCertificateRevocation(doc)) return typeof doc.scope === 'string' && isWithin(doc.scope, district);
  if (doc.type !== 'certificate') return crossesFrom(doc, district);
  return (
    !isDistrictRootDoc(doc) &&
    typeof doc.org === 'string' &&
    typeof doc.issuerOrg === 'string' &&
    isWithin(doc.org, district) &&
    isWithin(doc.issuerOrg, district)
  );
}

/**
 * What a district keeps of what the city shows it: cases and materials that involve it, the city
 * catalogue (its matters, 全市通办), the city's identity keys (residents' one account), and the
 * certificates of other districts (their roots, as the city vouches for them, and their halls',
 * and those certificates' revocations),
 * and the branches of its cases that the deciding district retired when it merged a conflict.
 */
export function comesDown(doc: Readonly<Record<string, unknown>>, district: string): boolean {
  // A case's retired branch (its deciding district merged a conflict) keeps the case's type and parties.
  if (doc._deleted) return doc.type === 'case' && districtsOf(doc.parties).has(district);
  if (doc.type === 'case' || doc.type === 'material') return districtsOf(doc.parties).has(district);
  if (doc.type === 'matter') return true;
  if (doc.type === 'jwks') return doc._id === CITY_JWKS_DOC_ID;
  if (isCertificateRevocation(doc)) return typeof doc.scope === 'string' && !isWithin(doc.scope, district);
  return doc.type === 'certificate' && typeof doc.org === 'string' && !isWithin(doc.org, district);
}

/**
 * The one district whose hub may merge conflicting revisions of a case that crosses districts (the
 * conflict compactor): the district of the case's responsible department when the case involves
 * it — the district that decides it — else the district that accepted it. Both come from the
 * case's header, which never changes, so every hub names the same one: two hubs merging the same
 * conflict each their own way would only make a new conflict of their merges, and so on.
 */
export function compactingDistrict(doc: { scope: string; department: string; parties: readonly string[] }): string {
  const deciding = doc.department.split('/')[0]!;
  return districtsOf(doc.parties).has(deciding) ? deciding : doc.scope.split('/')[0]!;
}

/**
 * The order a batch goes up in: certificates (streets before their communities), then cases, then
 * what names them; a retired branch last, after the merge that keeps its events.
 */
export function upOrder(doc: Readonly<Record<string, unknown>>): number {
  if (doc._deleted) return 12;
  if (doc.type === 'certificate') return String(doc.org).split('/').length;
  if (isCertificateRevocation(doc)) return 4;
  return doc.type === 'case' ? 10 : 11;
}

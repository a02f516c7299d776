import { isPublicType, selfAndAncestors } from '../../sync/index.js';
import type { StoredDoc } from '../store/store.js';

/** The list key of documents every node sees; no org path can equal it. */
export const PUBLIC_KEY = '*';

/** What the visibility rule reads of a document. */
export interface Visibility {
  type: string | undefined;
  parties: readonly string[];
}

/** The fields of a document `visibilityOf` reads: all the index needs of its body. */
export const VISIBILITY_FIELDS = ['type', 'parties'] as const;

/** The type and parties a stored document claims, or undefined when it carries neither (a bare tombstone). */
export function visibilityOf(doc: StoredDoc | undefined): Visibility | undefined {
  if (!doc) return undefined;
  const type = typeof doc.type === 'string' ? doc.type : undefined;
  const parties = Array.isArray(doc.parties)
    ? doc.parties.filter((p): p is string => typeof p === 'string')
    : undefined;
  if (type === undefined && parties === undefined) return undefined;
  return { type, parties: parties ?? [] };
}

/**
 * The keys a document is listed under: the public key for public types, otherwise every party
 * and every ancestor of a party, because a node at P sees what has a party at or below P.
 */
export function visibilityKeys(v: Visibility): string[] {
  if (v.type !== undefined && isPublicType(v.type)) return [PUBLIC_KEY];
  const keys = new Set<string>();
  for (const p of v.parties) for (const a of selfAndAncestors(p)) keys.add(a);
  return [...keys];
}

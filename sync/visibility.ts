import { isPublicType } from './envelope.js';
import { isWithin } from './org-path.js';

/** The part of a document the visibility rule reads. */
export interface Visible {
  type?: unknown;
  parties?: unknown;
}

/**
 * Whether a node at `nodePath` may hold `doc`: public types go everywhere; anything else only
 * where one of its parties is the node's organisation or lies below it.
 */
export function isVisibleTo(doc: Visible, nodePath: string): boolean {
  if (typeof doc.type === 'string' && isPublicType(doc.type)) return true;
  if (!Array.isArray(doc.parties)) return false;
  return doc.parties.some((p) => typeof p === 'string' && isWithin(p, nodePath));
}

import type { Principal } from '../../identity/index.js';
import { isVisibleTo } from '../../sync/index.js';

/**
 * Whether the calling member of staff may see, at this node, a case with these parties: what his
 * own organisation's node would hold. Staff of the node's subtree see all it holds; a department's
 * desk at the district center, whose replica holds the whole district, sees its department's cases only.
 */
export function staffSees(p: Principal | undefined, parties: readonly string[]): boolean {
  return p?.kind === 'staff' && isVisibleTo({ parties }, p.org);
}

import { ROLE_RIGHTS, type Right } from '../../sync/index.js';
import type { Principal } from '../../identity/index.js';
import type { ReferenceData } from '../store/reference-data.js';

/** Everything a set of roles could do if its organisation held every right. */
export function roleRights(roles: readonly (keyof typeof ROLE_RIGHTS)[]): Set<Right> {
  return new Set(roles.flatMap((r) => ROLE_RIGHTS[r]));
}

/**
 * What a member of staff may do at this node: his roles' rights, narrowed by the grant chains that
 * reach his organisation (or his role, or him) over this node. The district itself holds every
 * right, and a node not yet enrolled is a district of its own: there, roles alone decide.
 */
export async function effectiveRights(
  p: Extract<Principal, { kind: 'staff' }>,
  nodeOrg: string,
  reference: ReferenceData,
  enrolled: boolean,
): Promise<Set<Right>> {
  const byRole = roleRights(p.roles);
  if (!enrolled || !p.org.includes('/')) return byRole;
  const granted = await reference.grants.rightsOver({ org: p.org, roles: p.roles, account: p.id }, nodeOrg);
  return new Set([...byRole].filter((r) => granted.has(r)));
}

import type { StaffRole } from '../sync/index.js';

export { STAFF_ROLES, staffRoleSchema } from '../sync/index.js';
export type { StaffRole } from '../sync/index.js';

/**
 * Who is calling, as established from a verified access token; the same shape at a node.
 * A resident's `verified` is true once a clerk has seen the ID card at a window (token claim `idv`):
 * until then idNumber is only what the resident typed at sign-up.
 */
export type Principal =
  | { kind: 'staff'; id: string; name: string; org: string; roles: StaffRole[] }
  | { kind: 'resident'; id: string; name: string; idNumber: string; phone: string; verified: boolean };

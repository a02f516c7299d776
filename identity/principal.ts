import { z } from 'zod';

// Same list, same order as node/http/principal.ts: identity may not import node/, and a token
// must carry exactly the roles a node understands. One of the two should import the other.
/** Roles a member of staff can hold at an organisation. */
export const STAFF_ROLES = ['clerk', 'back-office', 'director', 'supervisor', 'admin'] as const;
/** One of STAFF_ROLES. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** zod schema of one staff role. */
export const staffRoleSchema = z.enum(STAFF_ROLES);

/**
 * Who is calling, as established from a verified access token; the same shape as a node's Principal.
 * A resident's `verified` is true once a clerk has seen the ID card at a window (token claim `idv`):
 * until then idNumber is only what the resident typed at sign-up.
 */
export type Principal =
  | { kind: 'staff'; id: string; name: string; org: string; roles: StaffRole[] }
  | { kind: 'resident'; id: string; name: string; idNumber: string; phone: string; verified: boolean };

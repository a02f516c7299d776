import { z } from 'zod';

/** Roles a member of staff can hold at an organisation: carried in tokens, understood by every node. */
export const STAFF_ROLES = ['clerk', 'back-office', 'director', 'supervisor', 'admin'] as const;
/** One of STAFF_ROLES. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** zod schema of one staff role. */
export const staffRoleSchema = z.enum(STAFF_ROLES);

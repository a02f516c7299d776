/** Roles a member of staff can hold at an organisation. */
export const STAFF_ROLES = ['clerk', 'back-office', 'director', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling, as established from a verified token. */
export type Principal =
  | { kind: 'staff'; id: string; name: string; org: string; roles: StaffRole[] }
  | { kind: 'resident'; id: string; name: string; idNumber: string; phone: string };

/**
 * Who may call an endpoint: anyone; a logged-in resident; staff of this node's subtree holding
 * one of the roles; or either of the latter two.
 */
export type Access =
  | { who: 'anyone' }
  | { who: 'resident' }
  | { who: 'staff'; roles: readonly StaffRole[] }
  | { who: 'resident-or-staff'; roles: readonly StaffRole[] };

export const anyone: Access = { who: 'anyone' };
export const resident: Access = { who: 'resident' };
export const staff = (...roles: StaffRole[]): Access => ({ who: 'staff', roles });
export const residentOrStaff = (...roles: StaffRole[]): Access => ({ who: 'resident-or-staff', roles });

/** How an access rule reads in the OpenAPI document and in error messages. */
export function describeAccess(a: Access): string {
  switch (a.who) {
    case 'anyone':
      return 'anyone';
    case 'resident':
      return 'a logged-in resident';
    case 'staff':
      return `staff of this node's organisation or below with role ${a.roles.join(' or ')}`;
    case 'resident-or-staff':
      return `a logged-in resident, or staff with role ${a.roles.join(' or ')}`;
  }
}

import type { StaffRole } from '../../identity/index.js';

export { STAFF_ROLES } from '../../identity/index.js';
export type { Principal, StaffRole } from '../../identity/index.js';

/**
 * Who may call an endpoint: anyone; a logged-in resident; staff of this node's subtree holding
 * one of the roles; or either of the latter two.
 */
export type Access =
  | { who: 'anyone' }
  | { who: 'resident' }
  | { who: 'staff'; roles: readonly StaffRole[] }
  | { who: 'resident-or-staff'; roles: readonly StaffRole[] }
  /** A metrics scraper: admitted by its address or a bearer token of its own, never by a login. */
  | { who: 'scraper' };

export const anyone: Access = { who: 'anyone' };
export const resident: Access = { who: 'resident' };
export const staff = (...roles: StaffRole[]): Access => ({ who: 'staff', roles });
export const residentOrStaff = (...roles: StaffRole[]): Access => ({ who: 'resident-or-staff', roles });
export const scraper: Access = { who: 'scraper' };

/** How an access rule reads in the OpenAPI document and in error messages. */
export function describeAccess(a: Access): string {
  switch (a.who) {
    case 'anyone':
      return 'anyone';
    case 'resident':
      return 'a logged-in resident';
    case 'staff':
      return `staff of this node's organisation or above with role ${a.roles.join(' or ')}`;
    case 'resident-or-staff':
      return `a logged-in resident, or staff with role ${a.roles.join(' or ')}`;
    case 'scraper':
      return 'a metrics scraper: a direct request from loopback or an address in HALLNET_METRICS_ALLOW, or a bearer HALLNET_METRICS_TOKEN';
  }
}

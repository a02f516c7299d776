import type { StaffRole } from './principal.js';

/**
 * Who may call an identity endpoint: anyone; a logged-in resident; staff holding one of the
 * roles (`at: 'district'`: only staff of the district itself); anyone logged in; or a hall node
 * as the injected `authorizeNode` establishes it.
 */
export type Access =
  | { who: 'anyone' }
  | { who: 'resident' }
  | { who: 'staff'; roles: readonly StaffRole[]; at?: 'district' }
  | { who: 'signed-in' }
  | { who: 'node' };

/** No credentials needed. */
export const anyone: Access = { who: 'anyone' };
/** A resident's access token. */
export const resident: Access = { who: 'resident' };
/** Any access token, resident or staff. */
export const signedIn: Access = { who: 'signed-in' };
/** A hall node, as `authorizeNode` establishes it. */
export const node: Access = { who: 'node' };
/** Staff of any organisation holding one of the roles. */
export const staff = (...roles: StaffRole[]): Access => ({ who: 'staff', roles });
/** Staff of the district organisation itself (not a street or department) holding one of the roles. */
export const districtStaff = (...roles: StaffRole[]): Access => ({ who: 'staff', roles, at: 'district' });

/** How an access rule reads in the OpenAPI document. */
export function describeAccess(a: Access): string {
  switch (a.who) {
    case 'anyone':
      return 'anyone';
    case 'resident':
      return 'a logged-in resident';
    case 'signed-in':
      return 'anyone logged in, resident or staff';
    case 'node':
      return 'a hall node, authenticated by its certificate';
    case 'staff':
      return `${a.at === 'district' ? "staff of the district's own organisation" : 'staff'} with role ${a.roles.join(' or ')}`;
  }
}

import type { StaffRole } from '../staff-roles.js';

/**
 * Who may call an endpoint, the one vocabulary of every hallnet server: anyone; a logged-in
 * resident; anyone logged in; staff holding one of the roles (`at: 'district'`: only staff of the
 * district itself); a resident or such staff; a hall node; or a metrics scraper. Where staff must
 * belong (a node's subtree, any organisation) is the server's rule, told in its AccessWording.
 */
export type Access =
  | { who: 'anyone' }
  | { who: 'resident' }
  | { who: 'signed-in' }
  | { who: 'staff'; roles: readonly StaffRole[]; at?: 'district' }
  | { who: 'resident-or-staff'; roles: readonly StaffRole[] }
  | { who: 'node' }
  /** A hall node relaying a logged-in resident: the node proves itself, the resident's access token rides in RESIDENT_TOKEN_HEADER. */
  | { who: 'node-for-resident' }
  /** Admitted by its address or a bearer token of its own, never by a login: the endpoint checks. */
  | { who: 'scraper' }
  /** A device paired with its place (a window's rating tablet), by the credential pairing gave it: the endpoint checks. */
  | { who: 'device' };

/** No credentials needed. */
export const anyone: Access = { who: 'anyone' };
/** A resident's access token. */
export const resident: Access = { who: 'resident' };
/** Any access token, resident or staff. */
export const signedIn: Access = { who: 'signed-in' };
/** A hall node, as the server establishes it. */
export const node: Access = { who: 'node' };
/** A hall node acting for a logged-in resident whose access token it relays. */
export const nodeForResident: Access = { who: 'node-for-resident' };
/** Where a node relays the resident's access token on `node-for-resident` endpoints (its own proof takes Authorization). */
export const RESIDENT_TOKEN_HEADER = 'x-hallnet-resident-token';
/** A metrics scraper. */
export const scraper: Access = { who: 'scraper' };
/** A paired device. */
export const device: Access = { who: 'device' };
/** Staff holding one of the roles. */
export const staff = (...roles: StaffRole[]): Access => ({ who: 'staff', roles });
/** Staff of the district organisation itself (not a street or department) holding one of the roles. */
export const districtStaff = (...roles: StaffRole[]): Access => ({ who: 'staff', roles, at: 'district' });
/** A resident, or staff holding one of the roles. */
export const residentOrStaff = (...roles: StaffRole[]): Access => ({ who: 'resident-or-staff', roles });

/** How one server's access rules read: where its staff must belong, who scrapes it, how a node proves itself. */
export interface AccessWording {
  /** Said of staff before the roles, e.g. "of this node's organisation or above". */
  staffScope?: string;
  /** Who counts as a metrics scraper here. */
  scraper?: string;
  /** How a node proves itself here, and whether it sends a bearer token to do so. */
  node?: { text: string; bearer: boolean };
}

/** How an access rule reads in the OpenAPI document. */
export function describeAccess(a: Access, words: AccessWording = {}): string {
  const scope = words.staffScope ? ` ${words.staffScope}` : '';
  switch (a.who) {
    case 'anyone':
      return 'anyone';
    case 'resident':
      return 'a logged-in resident';
    case 'signed-in':
      return 'anyone logged in, resident or staff';
    case 'staff':
      return `${a.at === 'district' ? "staff of the district's own organisation" : `staff${scope}`} with role ${a.roles.join(' or ')}`;
    case 'resident-or-staff':
      return `a logged-in resident, or staff${scope} with role ${a.roles.join(' or ')}`;
    case 'node':
      return words.node?.text ?? 'a hall node';
    case 'node-for-resident':
      return `${words.node?.text ?? 'a hall node'}, relaying a logged-in resident's access token in ${RESIDENT_TOKEN_HEADER}`;
    case 'scraper':
      return words.scraper ?? 'a metrics scraper';
    case 'device':
      return 'a rating device paired with its window (the cookie pairing gave it), with no staff login';
  }
}

/** The OpenAPI security requirement of an access rule: none, a bearer token, or (scrapers) either. */
export function accessSecurity(a: Access, words: AccessWording = {}): Record<string, string[]>[] | undefined {
  if (a.who === 'anyone' || a.who === 'device') return undefined;
  if (a.who === 'scraper') return [{}, { bearer: [] }];
  if ((a.who === 'node' || a.who === 'node-for-resident') && !words.node?.bearer) return undefined;
  return [{ bearer: [] }];
}

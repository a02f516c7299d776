import type { Context } from 'hono';
import { HallnetError } from '../errors.js';
import { orgPathSchema } from '../org-path.js';
import type { Right } from '../rights.js';
import { RESIDENT_TOKEN_HEADER, type Access } from './access.js';

/** The least the route layer knows of who is calling; identity's Principal is one. */
export type CallerShape =
  | { kind: 'staff'; id: string; org: string; roles: readonly string[] }
  | { kind: 'resident'; id: string };

/** How a server establishes who is calling; each part it leaves out refuses the access rules that need it. */
export interface AdmitOptions<P extends CallerShape> {
  /** Turns a bearer token into who is calling, or throws a 401-mapped HallnetError. */
  authenticate?: (token: string) => Promise<P>;
  /** Whether staff of `org` may act at this server (at a node: staff of its organisation or above); any organisation unless set. */
  staffMayActFrom?: (org: string) => boolean;
  /** The district's organisation path, for staff `at: 'district'`. */
  district?: string;
  /** The calling node's organisation, or throws; `node` endpoints are refused without it. */
  authorizeNode?: ((c: Context) => string | Promise<string>) | undefined;
  /** What a member of staff may do here, for routes that name a right. */
  rightsOf?: (p: Extract<P, { kind: 'staff' }>) => Promise<Set<Right>>;
}

/** Who is calling, as a handler receives it. */
export interface Caller<P> {
  /** The verified caller; undefined where anyone (or a scraper, or a node) may call. */
  principal: P | undefined;
  /** The calling node's organisation, on endpoints for nodes. */
  nodeOrg: string | undefined;
  /** Throws ERR_RIGHT_MISSING unless the calling staff member holds `right` here (for rights that depend on the request). */
  requireRight: (right: Right) => Promise<void>;
}

/**
 * Builds the one admission check of every declared route: the caller must fit the route's access
 * rule (401 without credentials, 403 with the wrong ones) and, for staff, hold the route's right.
 */
export function admitCaller<P extends CallerShape>(opts: AdmitOptions<P>) {
  return async function admit(c: Context, route: { access: Access; right?: Right | undefined }): Promise<Caller<P>> {
    const { access } = route;
    if (access.who === 'anyone' || access.who === 'scraper' || access.who === 'device')
      return caller(undefined, undefined);
    if (access.who === 'node') {
      if (!opts.authorizeNode) throw new HallnetError('ERR_FORBIDDEN', 'this server accepts no node calls');
      const nodeOrg = await opts.authorizeNode(c);
      if (!orgPathSchema.safeParse(nodeOrg).success)
        throw new HallnetError('ERR_CONFIG', 'authorizeNode returned no organisation path');
      return caller(undefined, nodeOrg);
    }
    if (access.who === 'node-for-resident') {
      if (!opts.authorizeNode) throw new HallnetError('ERR_FORBIDDEN', 'this server accepts no node calls');
      const nodeOrg = await opts.authorizeNode(c);
      if (!orgPathSchema.safeParse(nodeOrg).success)
        throw new HallnetError('ERR_CONFIG', 'authorizeNode returned no organisation path');
      const token = c.req.header(RESIDENT_TOKEN_HEADER)?.trim();
      if (!token)
        throw new HallnetError(
          'ERR_UNAUTHENTICATED',
          `the resident's access token is required in ${RESIDENT_TOKEN_HEADER}`,
        );
      if (!opts.authenticate) throw new HallnetError('ERR_FORBIDDEN', 'this server accepts no logins');
      const p = await opts.authenticate(token);
      if (p.kind !== 'resident') throw new HallnetError('ERR_FORBIDDEN', `${p.kind} ${p.id} is not a resident`);
      return caller(p, nodeOrg);
    }
    const header = c.req.header('authorization');
    if (!header?.startsWith('Bearer ')) throw new HallnetError('ERR_UNAUTHENTICATED', 'a bearer token is required');
    if (!opts.authenticate) throw new HallnetError('ERR_FORBIDDEN', 'this server accepts no logins');
    const p = await opts.authenticate(header.slice(7).trim());
    const staffOk = (roles: readonly string[], at?: 'district') =>
      p.kind === 'staff' &&
      p.roles.some((r) => roles.includes(r)) &&
      (opts.staffMayActFrom?.(p.org) ?? true) &&
      (at !== 'district' || p.org === opts.district);
    const ok =
      access.who === 'signed-in' ||
      (access.who === 'resident' && p.kind === 'resident') ||
      (access.who === 'staff' && staffOk(access.roles, access.at)) ||
      (access.who === 'resident-or-staff' && (p.kind === 'resident' || staffOk(access.roles)));
    if (!ok) throw new HallnetError('ERR_FORBIDDEN', `${p.kind} ${p.id} may not call this endpoint here`);
    const admitted = caller(p, undefined);
    if (route.right && p.kind === 'staff') await admitted.requireRight(route.right);
    return admitted;
  };

  function caller(principal: P | undefined, nodeOrg: string | undefined): Caller<P> {
    return {
      principal,
      nodeOrg,
      async requireRight(right) {
        if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN', 'staff only');
        if (!opts.rightsOf) throw new HallnetError('ERR_CONFIG', 'this server checks no rights');
        if (!(await opts.rightsOf(principal as Extract<P, { kind: 'staff' }>)).has(right)) {
          throw new HallnetError('ERR_RIGHT_MISSING', `${principal.org} holds no ${right} here`, { detail: { right } });
        }
      },
    };
  }
}

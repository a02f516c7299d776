import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { HallnetError, isWithin, parseOrThrow, readJson, type Right } from '../../sync/index.js';
import type { NodeEnv } from './env.js';
import type { Access, Principal } from './principal.js';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** One endpoint as declared: what it does, who may call it and what it takes. */
export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** The right a member of staff must hold here, by role and by the grants reaching his organisation. */
  right?: Right;
  body?: B;
  query?: Q;
  /** Bodies larger than this are refused with 413 before they are read; 64 KiB unless set. */
  maxBodyBytes?: number;
}

export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  principal: Principal | undefined;
  /** Throws ERR_RIGHT_MISSING unless the calling staff member holds `right` here (for rights that depend on the request). */
  requireRight: (right: Right) => Promise<void>;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

/** Turns a token into who is calling, or throws a 401-mapped HallnetError. */
export type Authenticate = (token: string) => Promise<Principal>;

/** What a member of staff may do at this node. */
export type RightsOf = (p: Extract<Principal, { kind: 'staff' }>) => Promise<Set<Right>>;

const DEFAULT_MAX_BODY = 64 * 1024;

/**
 * Registers endpoints on a node app so that each one states who may call it and validates its
 * input with zod before the handler runs; the same declarations produce the OpenAPI document.
 */
export class Routes {
  readonly specs: RouteSpec[] = [];

  constructor(
    private readonly app: Hono<NodeEnv>,
    private readonly nodeOrg: string,
    private readonly authenticate: Authenticate,
    private readonly rightsOf: RightsOf,
  ) {}

  add<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    spec: RouteSpec & { body?: B; query?: Q },
    handler: (c: Context<NodeEnv>, input: RouteInput<Infer<B>, Infer<Q>>) => Response | Promise<Response>,
  ): void {
    this.specs.push(spec);
    const limit = bodyLimit({
      maxSize: spec.maxBodyBytes ?? DEFAULT_MAX_BODY,
      onError: () => {
        throw new HallnetError('ERR_BODY_TOO_LARGE', `body over ${spec.maxBodyBytes ?? DEFAULT_MAX_BODY} bytes`);
      },
    });
    this.app.on(spec.method.toUpperCase(), spec.path, limit, async (c) => {
      const principal = await this.admit(c, spec.access);
      const requireRight = async (right: Right) => {
        if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN', 'staff only');
        if (!(await this.rightsOf(principal)).has(right)) {
          throw new HallnetError('ERR_RIGHT_MISSING', `${principal.org} holds no ${right} here`, { detail: { right } });
        }
      };
      if (spec.right && principal?.kind === 'staff') await requireRight(spec.right);
      const query = spec.query ? parseOrThrow(spec.query, c.req.query(), { where: 'query' }) : undefined;
      const body = spec.body ? parseOrThrow(spec.body, await readJson(c), { where: 'body' }) : undefined;
      return handler(c, { body: body as Infer<B>, query: query as Infer<Q>, principal, requireRight });
    });
  }

  private async admit(c: Context<NodeEnv>, access: Access): Promise<Principal | undefined> {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    // A scraper's address or token is the endpoint's own check: it carries no login.
    if (access.who === 'anyone' || access.who === 'scraper') {
      c.set('principal', undefined);
      return undefined;
    }
    if (!token) throw new HallnetError('ERR_UNAUTHENTICATED', 'a bearer token is required');
    const p = await this.authenticate(token);
    c.set('principal', p);
    // Staff act at the nodes of their own subtree: a community clerk at his station only, a
    // street's at the street and its stations, the district's anywhere.
    const staffOk = (roles: readonly string[]) =>
      p.kind === 'staff' && isWithin(this.nodeOrg, p.org) && p.roles.some((r) => roles.includes(r));
    const ok =
      access.who === 'resident'
        ? p.kind === 'resident'
        : access.who === 'staff'
          ? staffOk(access.roles)
          : p.kind === 'resident' || staffOk(access.roles);
    if (!ok) throw new HallnetError('ERR_FORBIDDEN', `${p.kind} ${p.id} may not call this endpoint here`);
    return p;
  }
}

import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { HallnetError, orgPathSchema } from '../sync/index.js';
import type { Access } from './access.js';
import { parseInput, readJson } from './lib/parse-input.js';
import type { Principal } from './principal.js';

/** The variables every identity request carries. */
export interface IdentityEnv {
  Variables: {
    principal: Principal | undefined;
    /** The calling node's organisation, on endpoints for nodes. */
    nodeOrg: string | undefined;
  };
}

/** The HTTP methods identity endpoints use. */
export type Method = 'get' | 'post';

/** One endpoint as declared: what it does, who may call it and what it takes. */
export interface RouteSpec {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
}

/** What a handler receives: the validated body and query, and who is calling. */
export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  principal: Principal | undefined;
  nodeOrg: string | undefined;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

/** How IdentityRoutes establishes who is calling. */
export interface RoutesAuth {
  /** Turns a bearer token into who is calling, or throws a 401-mapped HallnetError. */
  authenticate: (token: string) => Promise<Principal>;
  /** The calling node's organisation, or throws; endpoints for nodes are refused without it. */
  authorizeNode: ((c: Context) => string | Promise<string>) | undefined;
  /** The district's organisation path, for `districtStaff` endpoints. */
  district: string;
}

// Every identity body is a few short fields.
const MAX_BODY_BYTES = 16 * 1024;

/**
 * Registers identity endpoints so that each one states who may call it and validates its input
 * with zod before the handler runs; the same declarations make `/identity/openapi.json`.
 */
export class IdentityRoutes {
  readonly specs: RouteSpec[] = [];

  constructor(private readonly app: Hono<IdentityEnv>, private readonly auth: RoutesAuth) {}

  add<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    spec: RouteSpec & { body?: B; query?: Q },
    handler: (c: Context<IdentityEnv>, input: RouteInput<Infer<B>, Infer<Q>>) => Response | Promise<Response>,
  ): void {
    this.specs.push(spec);
    const limit = bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HallnetError('ERR_BODY_TOO_LARGE', `body over ${MAX_BODY_BYTES} bytes`);
      },
    });
    this.app.on(spec.method.toUpperCase(), spec.path, limit, async (c) => {
      const { principal, nodeOrg } = await this.admit(c, spec.access);
      c.set('principal', principal);
      c.set('nodeOrg', nodeOrg);
      const query = spec.query ? parseInput(spec.query, c.req.query(), 'query') : undefined;
      const body = spec.body ? parseInput(spec.body, await readJson(c), 'body') : undefined;
      return handler(c, { body: body as Infer<B>, query: query as Infer<Q>, principal, nodeOrg });
    });
  }

  private async admit(c: Context<IdentityEnv>, access: Access): Promise<{ principal?: Principal; nodeOrg?: string }> {
    if (access.who === 'anyone') return {};
    if (access.who === 'node') {
      if (!this.auth.authorizeNode) throw new HallnetError('ERR_FORBIDDEN', 'this identity service accepts no node calls');
      const nodeOrg = await this.auth.authorizeNode(c);
      if (!orgPathSchema.safeParse(nodeOrg).success) throw new HallnetError('ERR_CONFIG', 'authorizeNode returned no organisation path');
      return { nodeOrg };
    }
    const header = c.req.header('authorization');
    if (!header?.startsWith('Bearer ')) throw new HallnetError('ERR_UNAUTHENTICATED', 'a bearer token is required');
    const p = await this.auth.authenticate(header.slice(7).trim());
    const ok =
      access.who === 'signed-in' ||
      (access.who === 'resident' && p.kind === 'resident') ||
      (access.who === 'staff' &&
        p.kind === 'staff' &&
        p.roles.some((r) => access.roles.includes(r)) &&
        (access.at !== 'district' || p.org === this.auth.district));
    if (!ok) throw new HallnetError('ERR_FORBIDDEN', `${p.kind} ${p.id} may not call this endpoint`);
    return { principal: p };
  }
}

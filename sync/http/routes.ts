import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { HallnetError } from '../errors.js';
import { validationError } from '../parse-or-throw.js';
import type { Right } from '../rights.js';
import { accessSecurity, describeAccess, type Access, type AccessWording } from './access.js';
import { admitCaller, type AdmitOptions, type Caller, type CallerShape } from './admit-caller.js';
import { requestBodyLimit } from './request-body-limit.js';

/** The HTTP methods declared routes use. */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** What an endpoint is, for the OpenAPI document: also all a route served elsewhere declares. */
export interface EndpointSpec<P extends z.ZodObject | undefined = z.ZodObject | undefined> {
  method: Method;
  /** Hono style: `/api/cases/:id`; each parameter needs its schema in `params`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** The right a member of staff must hold here, by role and by the grants reaching his organisation. */
  right?: Right;
  params?: P;
}

/** One endpoint as declared: what it does, who may call it and what it takes. */
export interface RouteSpec<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
> extends EndpointSpec<P> {
  query?: Q;
  body?: B;
  /** Bodies larger than this are refused with 413 before they are read; the server's default unless set. */
  maxBodyBytes?: number;
  /** Runs once the caller is admitted, before the input is read: a rate limit that counts every request, valid or not. */
  before?: (c: Context) => void | Promise<void>;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives: the validated path parameters, query and body, and who is calling. */
export type RouteInput<P, Q, B, Pr> = { params: P; query: Q; body: B } & Caller<Pr>;

/** How a server runs its declared routes. */
export interface RoutesOptions<P extends CallerShape> extends AdmitOptions<P> {
  /** How its access rules read in its OpenAPI document. */
  wording?: AccessWording;
  /** Default body limit of its routes. */
  maxBodyBytes: number;
}

// Where each of zod-openapi's validation targets is named in a 400's field list.
const WHERE: Record<string, string> = { json: 'body', query: 'query', param: 'path' };

/** zod-openapi's hook: a failed validation becomes the 400 naming each field, as every 4xx does. */
function rejectInvalid(result: { success: boolean; target: string; error?: z.ZodError }): void {
  if (!result.success) throw validationError(result.error!, { where: WHERE[result.target] ?? result.target });
}

const callers = new WeakMap<Context, Caller<unknown>>();

/**
 * hallnet's one route layer, over `@hono/zod-openapi`: each endpoint states who may call it and
 * the zod schemas of its path parameters, query and body; the same declaration admits the caller,
 * validates the input (a 400 naming each field, in English and Chinese) and makes the OpenAPI
 * document, where every operation says who may call it (`x-access`). Node, identity and hub use it.
 */
export class Routes<E extends Env, P extends CallerShape = CallerShape> {
  /** The server's Hono app: declared routes, and whatever else the server mounts on it. */
  readonly app = new OpenAPIHono<E>();
  private readonly admit: ReturnType<typeof admitCaller<P>>;
  private cached: { size: number; title: string; doc: object } | undefined;

  constructor(private readonly opts: RoutesOptions<P>) {
    this.admit = admitCaller(opts);
    this.app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  }

  /** Routes an endpoint and documents it. */
  add<
    Pa extends z.ZodObject | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
  >(
    spec: RouteSpec<Pa, Q, B>,
    handler: (c: Context<E>, input: RouteInput<Out<Pa>, Out<Q>, Out<B>, P>) => Response | Promise<Response>,
  ): void {
    const admit = this.admit;
    const maxSize = spec.maxBodyBytes ?? this.opts.maxBodyBytes;
    const middleware: MiddlewareHandler[] = [
      async function admitRouteCaller(c, next) {
        callers.set(c, await admit(c, spec));
        if (spec.before) await spec.before(c);
        await next();
      },
      jsonBodyLimit(maxSize),
    ];
    const route = {
      ...this.operation(spec),
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      middleware,
    } as RouteConfig;
    const run = (c: Context<E>) => {
      const req = c.req as unknown as { valid(target: string): unknown };
      const input = {
        params: req.valid('param'),
        query: req.valid('query'),
        body: req.valid('json'),
        ...(callers.get(c) as Caller<P>),
      };
      return handler(c, input as RouteInput<Out<Pa>, Out<Q>, Out<B>, P>);
    };
    this.app.openapi(route, run as never, rejectInvalid as never);
  }

  /** Documents an endpoint another handler serves (a relay, the sync gateway): nothing is routed. */
  describe<Pa extends z.ZodObject | undefined>(spec: EndpointSpec<Pa>): void {
    this.app.openAPIRegistry.registerPath({
      ...this.operation(spec),
      ...(spec.params ? { request: { params: spec.params } } : {}),
    } as RouteConfig);
  }

  /** Serves the OpenAPI document of every declared endpoint at `path`, for anyone. */
  serveDocument(path: string, title: string): void {
    this.add({ method: 'get', path, tag: 'operations', summary: 'This document', access: { who: 'anyone' } }, (c) =>
      c.json(this.document(title)),
    );
  }

  /** The OpenAPI 3.1 document of every declared endpoint, with who may call each one. */
  document(title: string): object {
    const size = this.app.openAPIRegistry.definitions.length;
    if (this.cached?.size !== size || this.cached.title !== title) {
      this.cached = {
        size,
        title,
        doc: this.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title, version: '0.1.0' } }),
      };
    }
    return this.cached.doc;
  }

  private operation(spec: EndpointSpec<z.ZodObject | undefined>) {
    const names = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!).sort();
    const declared = Object.keys(spec.params?.shape ?? {}).sort();
    if (names.join() !== declared.join()) {
      // A path parameter without a schema would reach the handler unchecked.
      throw new HallnetError(
        'ERR_CONFIG',
        `${spec.method} ${spec.path}: params must declare exactly ${names.join(', ') || 'nothing'}`,
      );
    }
    const { access, right } = spec;
    const security = accessSecurity(access, this.opts.wording);
    return createRoute({
      method: spec.method,
      path: spec.path.replace(/:([A-Za-z]+)/g, '{$1}'),
      summary: spec.summary,
      tags: [spec.tag],
      description: `Who may call: ${describeAccess(access, this.opts.wording)}${right ? `, holding the right ${right}` : ''}.`,
      'x-access': access,
      ...(right ? { 'x-right': right } : {}),
      ...(security ? { security } : {}),
      responses: {
        200: { description: 'OK' },
        400: { description: 'invalid input: each field with its reason in English and Chinese' },
        ...(access.who === 'anyone'
          ? {}
          : { 401: { description: 'not authenticated' }, 403: { description: 'not allowed' } }),
      },
    });
  }
}

/** A byte count as a window clerk or a resident reads it: 10 MB, 64 KB. */
export function sizeInChinese(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

/** requestBodyLimit answering a larger body with ERR_BODY_TOO_LARGE (413) naming the limit, for a JSON API's error handler. */
export function jsonBodyLimit(maxSize: number): MiddlewareHandler {
  return requestBodyLimit({
    maxSize,
    onError: () => {
      throw new HallnetError('ERR_BODY_TOO_LARGE', `body over ${maxSize} bytes`, {
        issues: [{ field: 'body', reason: `at most ${maxSize} bytes / 请求体不得超过 ${sizeInChinese(maxSize)}` }],
      });
    },
  });
}

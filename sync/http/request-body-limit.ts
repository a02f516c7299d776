import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** The largest body let through, and the answer to a larger one. */
export interface RequestBodyLimitOptions {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}

/**
 * hono's `bodyLimit`, decided from the headers whenever they tell the size. `bodyLimit` reads
 * `c.req.raw.body` first, which makes @hono/node-server build a full undici `Request` for every
 * request, a GET included: a sixth of the hub's CPU per live change went there, and the node's
 * route layer (`Routes`) paid it on every call too. A body declared by
 * `content-length` cannot be longer (Node's parser holds it to that), so only a chunked body is
 * counted as it streams, by `bodyLimit` itself.
 */
export const requestBodyLimit = (opts: RequestBodyLimitOptions): MiddlewareHandler => {
  const streamed = bodyLimit(opts);
  return async function requestBodyLimit(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number.parseInt(length, 10) > opts.maxSize) return opts.onError(c);
    await next();
  };
};

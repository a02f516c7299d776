import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { HallnetError } from '../sync/index.js';
import type { IdentityLogger } from './identity-logger.js';

/** The one place identity errors become responses: a HallnetError by its code, anything else a logged 500. */
export function onError(logger: IdentityLogger | undefined) {
  return function onError(err: Error, c: Context): Response {
    const e = toHallnetError(err);
    if (e.status >= 500) logger?.error({ err, path: c.req.path }, 'identity request failed');
    const retryAfter = e.detail?.retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    // Errors can follow a credential check; nothing about them belongs in a shared cache.
    c.header('Cache-Control', 'no-store');
    return c.json(e.toBody(), e.status as ContentfulStatusCode);
  };
}

function toHallnetError(err: Error): HallnetError {
  if (err instanceof HallnetError) return err;
  if (err instanceof HTTPException && err.status === 413) return new HallnetError('ERR_BODY_TOO_LARGE');
  if (err instanceof HTTPException && err.status < 500) return new HallnetError('ERR_VALIDATION', err.message);
  return new HallnetError('ERR_INTERNAL', 'internal error', { cause: err });
}

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HallnetError } from '../errors.js';

/** Where a JSON API logs a failed request: a pino logger fits, so does a console shim on Workers. */
export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/**
 * The one place a JSON API's errors become responses (node and identity): a HallnetError by its
 * code (status, bilingual message, the fields at fault), `Retry-After` when the error carries a
 * retry time, anything else a logged 500. The hub's sync gateway answers CouchDB-style instead.
 */
export function jsonErrorHandler(logger?: ErrorLogger) {
  return function onError(err: Error, c: Context): Response {
    const e = toHallnetError(err);
    if (e.status >= 500) logger?.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'request failed');
    const retryAfter = e.detail?.retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    // Errors can follow a credential check; nothing about them belongs in a shared cache.
    c.header('Cache-Control', 'no-store');
    return c.json(e.toBody(), e.status as ContentfulStatusCode);
  };
}

function toHallnetError(err: Error): HallnetError {
  if (err instanceof HallnetError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new HallnetError('ERR_BODY_TOO_LARGE');
    // zod-openapi's gate: a body declared JSON came with another content type.
    if (err.status === 415) {
      return new HallnetError('ERR_UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON', {
        issues: [{ field: 'header.content-type', reason: 'must be application/json / 须为 application/json' }],
      });
    }
    // Hono's JSON validator could not parse the body (its only 400 of this kind).
    if (err.status === 400 && err.message === 'Malformed JSON in request body') {
      return new HallnetError('ERR_MALFORMED_JSON', err.message, {
        issues: [{ field: 'body', reason: 'not valid JSON / 不是合法的 JSON' }],
      });
    }
    if (err.status < 500) return new HallnetError('ERR_VALIDATION', err.message);
  }
  return new HallnetError('ERR_INTERNAL', 'internal error', { cause: err });
}

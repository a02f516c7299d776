import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { HallnetError } from '../../sync/index.js';

/** The one place errors become responses: a HallnetError by its code, anything else a logged 500. */
export function onError(logger: Logger) {
  return function onError(err: Error, c: Context): Response {
    const e = toHallnetError(err);
    if (e.status >= 500) logger.error({ err, requestId: c.get('requestId') }, 'request failed');
    return c.json(e.toBody(), e.status as 400);
  };
}

function toHallnetError(err: Error): HallnetError {
  if (err instanceof HallnetError) return err;
  if (err instanceof HTTPException && err.status === 413) return new HallnetError('ERR_BODY_TOO_LARGE');
  if (err instanceof HTTPException && err.status < 500) return new HallnetError('ERR_VALIDATION', err.message);
  return new HallnetError('ERR_INTERNAL', 'internal error', { cause: err });
}

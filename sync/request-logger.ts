import type { MiddlewareHandler } from 'hono';

/** Where request lines go: a pino logger fits. */
export interface RequestLog {
  info(obj: object, msg: string): void;
}

/**
 * One JSON log line per request with its id (from Hono's `requestId()`, registered before this),
 * method, path, status and time taken. The node and the hub log through the same one.
 */
export function requestLogger(logger: RequestLog): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async function requestLogger(c, next) {
    const start = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      },
      'request',
    );
  };
}

import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { NodeEnv } from './env.js';

/** One JSON log line per request with its id, status and time taken. */
export function requestLogger(logger: Logger): MiddlewareHandler<NodeEnv> {
  return async function requestLogger(c, next) {
    const start = performance.now();
    await next();
    logger.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - start) * 10) / 10 },
      'request',
    );
  };
}

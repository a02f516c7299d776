import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { DURATION_BUCKETS } from './histogram.js';
import type { MetricRegistry } from './metric-registry.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** The label of a request that reached no endpoint (a 404, or one refused before its route was known). */
export const UNMATCHED_ROUTE = 'unmatched';

type RouteInfo = ReturnType<typeof matchedRoutes>[number];

// Middleware is registered with use() (method ALL) and takes (c, next); an endpoint is registered
// for its methods, or with all() and a handler of one parameter — Hono's own docs tell them apart so.
const isEndpoint = (r: RouteInfo) => r.method !== 'ALL' || r.handler.length < 2;

/**
 * The route pattern a request is counted under: the endpoint that answered it (`/api/cases/:id`,
 * never the raw path, so ids do not multiply the series), else the endpoint it was headed for when
 * a middleware answered first (a refused token, a body too large), else `unmatched`.
 */
export function routeLabel(c: Context, ownIndex: number): string {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex];
  if (answered && c.req.routeIndex !== ownIndex && isEndpoint(answered)) return answered.path;
  const headed = routes.find((r, i) => i > ownIndex && isEndpoint(r));
  return headed?.path ?? UNMATCHED_ROUTE;
}

/**
 * Middleware counting every request in `hallnet_http_requests_total{method,route,status}` and
 * timing it in the histogram `hallnet_http_request_duration_seconds{method,route}` (time to the
 * response's headers: a streamed longpoll counts until it starts). Register it before the routes;
 * several apps of one server may share one registry.
 */
export function observeRequests(registry: MetricRegistry): MiddlewareHandler {
  const requests = registry.counter({ name: 'hallnet_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labels: ['method', 'route', 'status'] });
  const duration = registry.histogram({
    name: 'hallnet_http_request_duration_seconds',
    help: 'Time from a request to its response headers, by method and route pattern',
    labels: ['method', 'route'],
    buckets: DURATION_BUCKETS,
  });
  return async function observeRequests(c, next) {
    const start = performance.now();
    const own = c.req.routeIndex;
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
      const route = routeLabel(c, own);
      requests.inc({ method, route, status });
      duration.observe({ method, route }, (performance.now() - start) / 1000);
    }
  };
}

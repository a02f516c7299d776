import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The two HTTP series every hallnet server exposes — node and hub through prom-client, the
 * identity Worker through its own small exposition — declared once so they mean the same in each.
 */
export const REQUEST_SERIES = {
  requests: {
    name: 'hallnet_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
  },
  duration: {
    name: 'hallnet_http_request_duration_seconds',
    help: 'Time from a request to its response headers, by method and route pattern',
    labelNames: ['method', 'route'],
    // From a millisecond (a cached read) to ten seconds (a first sync page).
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
} as const;

/** The label of a request that reached no endpoint (a 404, or one refused before its route was known). */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

type RouteInfo = ReturnType<typeof matchedRoutes>[number];

// Middleware is registered with use() (method ALL) and takes (c, next); an endpoint is registered
// for its methods, or with all() and a handler of one parameter — Hono's own docs tell them apart so.
const isEndpoint = (r: RouteInfo) => r.method !== 'ALL' || r.handler.length < 2;

/**
 * The `method` and `route` labels of a request, for the middleware at route index `ownIndex`: the
 * route is the pattern of the endpoint that answered (`/api/cases/:id`, never the raw path, so ids
 * do not multiply the series), else of the endpoint it was headed for when a middleware answered
 * first (a refused token, a body too large), else `unmatched`; odd methods count as `OTHER`.
 */
export function requestLabels(c: Context, ownIndex: number): { method: string; route: string } {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex];
  const headed = routes.find((r, i) => i > ownIndex && isEndpoint(r));
  const route =
    answered && c.req.routeIndex !== ownIndex && isEndpoint(answered)
      ? answered.path
      : (headed?.path ?? UNMATCHED_ROUTE);
  return { method: METHODS.has(c.req.method) ? c.req.method : 'OTHER', route };
}

import type { MiddlewareHandler } from 'hono';
import { Counter, Histogram } from 'prom-client';
import { REQUEST_SERIES, requestLabels } from './request-series.js';
import type { ServerMetrics } from './server-metrics.js';

/**
 * Middleware counting every request in `hallnet_http_requests_total{method,route,status}` and
 * timing it in the histogram `hallnet_http_request_duration_seconds{method,route}` (time to the
 * response's headers: a streamed longpoll counts until it starts). Register it before the routes;
 * make one per server and hand it to each of its apps (prom-client refuses a name twice).
 */
export function observeRequests(metrics: ServerMetrics): MiddlewareHandler {
  const registers = [metrics.registry];
  const requests = new Counter({
    ...REQUEST_SERIES.requests,
    labelNames: [...REQUEST_SERIES.requests.labelNames],
    registers,
  });
  const duration = new Histogram({
    ...REQUEST_SERIES.duration,
    labelNames: [...REQUEST_SERIES.duration.labelNames],
    buckets: [...REQUEST_SERIES.duration.buckets],
    registers,
  });
  return async function observeRequests(c, next) {
    const start = performance.now();
    const own = c.req.routeIndex;
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const labels = requestLabels(c, own);
      requests.inc({ ...labels, status });
      duration.observe(labels, (performance.now() - start) / 1000);
    }
  };
}

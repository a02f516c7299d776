import type { Context } from 'hono';
import type { ServerMetrics } from '../sync/node-only.js';

/**
 * The hub's `GET /metrics`: the exposition for a request `mayScrape` admits (see `scraperAccess`:
 * HUB_METRICS_ALLOW, HUB_METRICS_TOKEN), a CouchDB-style 403 for anyone else.
 */
export function metricsEndpoint(metrics: ServerMetrics, mayScrape: (c: Context) => Promise<boolean>) {
  return async function metricsEndpoint(c: Context): Promise<Response> {
    if (!(await mayScrape(c)))
      return c.json(
        {
          error: 'forbidden',
          reason: 'metrics are for the configured scrapers (HUB_METRICS_ALLOW) or HUB_METRICS_TOKEN',
        },
        403,
      );
    const { body, contentType } = await metrics.render();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  };
}

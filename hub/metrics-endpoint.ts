import type { Context } from 'hono';
import { PROMETHEUS_CONTENT_TYPE, type MetricRegistry } from '../sync/index.js';

/**
 * The hub's `GET /metrics`: the exposition for a request `mayScrape` admits (see `scraperAccess`:
 * HUB_METRICS_ALLOW, HUB_METRICS_TOKEN), a CouchDB-style 403 for anyone else.
 */
export function metricsEndpoint(registry: MetricRegistry, mayScrape: (c: Context) => boolean) {
  return async function metrics(c: Context): Promise<Response> {
    if (!mayScrape(c)) return c.json({ error: 'forbidden', reason: 'metrics are for the configured scrapers (HUB_METRICS_ALLOW) or HUB_METRICS_TOKEN' }, 403);
    return c.body(await registry.render(), 200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' });
  };
}

import { nodeClientAddress } from '../../../identity/adapter/node/index.js';
import { HallnetError, scraper } from '../../../sync/index.js';
import { DEFAULT_SCRAPERS, scraperAccess, type ServerMetrics } from '../../../sync/node-only.js';
import type { NodeRoutes } from '../env.js';

/** Who may scrape a node: `HALLNET_METRICS_ALLOW` and `HALLNET_METRICS_TOKEN`. */
export interface NodeMetricsAccess {
  allow: readonly string[];
  token?: string | undefined;
}

/**
 * `GET /metrics` in Prometheus' text format, for the district's scrapers only: loopback and the
 * addresses in HALLNET_METRICS_ALLOW (when the request came straight from them), or anyone
 * bearing HALLNET_METRICS_TOKEN.
 */
export function registerMetricsRoute(
  routes: NodeRoutes,
  metrics: ServerMetrics,
  access: NodeMetricsAccess = { allow: [DEFAULT_SCRAPERS] },
): void {
  const mayScrape = scraperAccess({ ...access, clientAddress: nodeClientAddress });
  routes.add(
    {
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      summary: 'Metrics in Prometheus text format (0.0.4)',
      access: scraper,
    },
    async (c) => {
      // Routes admits `scraper` without a principal; the address or token is checked here.
      if (!(await mayScrape(c)))
        throw new HallnetError(
          'ERR_FORBIDDEN',
          'metrics are for the configured scrapers (HALLNET_METRICS_ALLOW) or HALLNET_METRICS_TOKEN',
        );
      const { body, contentType } = await metrics.render();
      return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
    },
  );
}

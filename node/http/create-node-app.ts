import type { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Principal } from '../../identity/index.js';
import { anyone, HallnetError, jsonErrorHandler, requestLogger, Routes, staffMayActAt } from '../../sync/index.js';
import { observeRequests } from '../../sync/node-only.js';
import { createNodeMetrics } from '../create-node-metrics.js';
import { createAuthenticate } from '../auth/authenticate.js';
import { pageNotFound, registerPages } from '../pages/register-pages.js';
import type { NodeServices } from '../services.js';
import type { NodeEnv } from './env.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerCaseRoutes } from './routes/case-routes.js';
import { registerCommitmentRoutes } from './routes/commitment-routes.js';
import { registerCatalogueAdminRoutes } from './routes/catalogue-admin-routes.js';
import { registerCatalogueRoutes } from './routes/catalogue-routes.js';
import { registerCertificateRoutes } from './routes/certificate-routes.js';
import { registerGrantRoutes } from './routes/grant-routes.js';
import { registerIdentityRelay } from './routes/identity-relay-routes.js';
import { registerInboxRoutes } from './routes/inbox-routes.js';
import { registerMaterialRoutes } from './routes/material-routes.js';
import { registerMetricsRoute, type NodeMetricsAccess } from './routes/metrics-routes.js';
import { registerQueueRoutes } from './routes/queue-routes.js';
import { MAX_STREAMS_PER_ADDRESS, StreamSlots } from './stream-slots.js';
import { registerBookingRoutes } from './routes/booking-routes.js';
import { registerBoardRoutes } from './routes/board-routes.js';
import { registerRatingRoutes } from './routes/rating-routes.js';
import { registerSupervisionRoutes } from './routes/supervision-routes.js';
import { registerMyCaseRoutes } from './routes/my-cases-routes.js';
import { registerStaffRoutes } from './routes/staff-routes.js';
import { registerOnlineApplyRoutes } from './routes/online-apply-routes.js';
import { registerLicenceRoutes } from './routes/licence-routes.js';
import { registerLibraryRoutes } from './routes/library-routes.js';
import { registerStatusRoutes } from './routes/status-routes.js';
import { registerTrackRoutes } from './routes/track-routes.js';

/** The hall node's HTTP app: its API, its OpenAPI document and its health check. */
export function createNodeApp(
  s: NodeServices,
  opts: {
    chainPem?: readonly string[] | undefined;
    hubUrl?: string | undefined;
    metrics?: NodeMetricsAccess | undefined;
  } = {},
): Hono<NodeEnv> {
  const routes = new Routes<NodeEnv, Principal>({
    authenticate: createAuthenticate(s.reference, s.tokens, s.clock, { org: s.org, staff: s.staff }),
    // Staff act at the nodes of their own subtree, and departments' staff at their desks in the center.
    staffMayActFrom: (org) => staffMayActAt(org, s.org),
    district: s.org.split('/')[0]!,
    rightsOf: s.rightsOf,
    wording: {
      staffScope:
        "of this node's organisation or above (a department's staff also at their desks in the district center)",
      scraper:
        'a metrics scraper: a direct request from loopback or an address in HALLNET_METRICS_ALLOW, or a bearer HALLNET_METRICS_TOKEN',
    },
    maxBodyBytes: 64 * 1024,
  });
  const app = routes.app;
  const metrics = createNodeMetrics(s);
  app.use(requestId());
  app.use(requestLogger(s.logger));
  app.use(observeRequests(metrics));
  app.onError(jsonErrorHandler(s.logger));
  app.notFound((c) => {
    const page = pageNotFound(c, s);
    if (page) return page;
    throw new HallnetError('ERR_NOT_FOUND', 'no such endpoint');
  });

  routes.add(
    { method: 'get', path: '/healthz', tag: 'operations', summary: 'Liveness and what this node is', access: anyone },
    (c) => c.json({ ok: true, org: s.org, level: s.level, matters: s.reference.catalogue.size, cases: s.index.size }),
  );
  registerAuthRoutes(routes, s);
  registerCatalogueRoutes(routes, s);
  registerCatalogueAdminRoutes(routes, s);
  registerCaseRoutes(routes, s);
  registerTrackRoutes(routes, s);
  registerMyCaseRoutes(routes, s);
  registerOnlineApplyRoutes(routes, s);
  registerLibraryRoutes(routes, s);
  registerLicenceRoutes(routes, s);
  registerGrantRoutes(routes, s);
  registerCertificateRoutes(routes, s);
  registerInboxRoutes(routes, s);
  registerCommitmentRoutes(routes, s);
  registerMaterialRoutes(routes, s);
  // Live streams are open to anyone on the hall's network: a screen, the board, a rating device each hold one.
  const streams = new StreamSlots(MAX_STREAMS_PER_ADDRESS);
  registerQueueRoutes(routes, s, s.queue, streams);
  registerBookingRoutes(routes, s);
  registerRatingRoutes(routes, s, streams);
  registerBoardRoutes(routes, s, streams);
  registerSupervisionRoutes(routes, s);
  registerStatusRoutes(routes, s, opts.chainPem);
  registerStaffRoutes(routes, s, opts.hubUrl);
  registerIdentityRelay(routes, s, opts.hubUrl);
  registerPages(app, s);
  registerMetricsRoute(routes, metrics, opts.metrics);
  routes.serveDocument('/openapi.json', `hallnet node ${s.org}`);
  return app;
}

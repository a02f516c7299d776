import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { HallnetError, requestLogger } from '../../sync/index.js';
import { observeRequests } from '../../sync/node-only.js';
import { createNodeMetrics } from '../create-node-metrics.js';
import { createAuthenticate } from '../auth/authenticate.js';
import { registerPages } from '../pages/register-pages.js';
import type { NodeServices } from '../services.js';
import { Routes } from './define-routes.js';
import type { NodeEnv } from './env.js';
import { onError } from './on-error.js';
import { openApiDocument } from './openapi.js';
import { anyone } from './principal.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCaseRoutes } from './routes/cases.js';
import { registerCatalogueRoutes } from './routes/catalogue.js';
import { registerGrantRoutes } from './routes/grants.js';
import { registerIdentityRelay } from './routes/identity-relay.js';
import { registerInboxRoutes } from './routes/inbox.js';
import { registerMaterialRoutes } from './routes/materials.js';
import { registerMetricsRoute, type NodeMetricsAccess } from './routes/metrics.js';
import { registerQueueRoutes } from './routes/queue.js';
import { registerBoardRoutes } from './routes/board.js';
import { registerRatingRoutes } from './routes/ratings.js';
import { registerSupervisionRoutes } from './routes/supervision.js';
import { registerMyCaseRoutes } from './routes/my-cases.js';
import { registerStatusRoutes } from './routes/status.js';
import { registerTrackRoutes } from './routes/track.js';

/** The hall node's HTTP app: its API, its OpenAPI document and its health check. */
export function createNodeApp(s: NodeServices, opts: { chainPem?: readonly string[] | undefined; hubUrl?: string | undefined; metrics?: NodeMetricsAccess | undefined } = {}): Hono<NodeEnv> {
  const app = new Hono<NodeEnv>();
  const metrics = createNodeMetrics(s);
  app.use(requestId());
  app.use(requestLogger(s.logger));
  app.use(observeRequests(metrics));
  app.onError(onError(s.logger));
  app.notFound(() => {
    throw new HallnetError('ERR_NOT_FOUND', 'no such endpoint');
  });

  const routes = new Routes(app, s.org, createAuthenticate(s.reference, s.tokens, s.clock), s.rightsOf);
  routes.add({ method: 'get', path: '/healthz', tag: 'operations', summary: 'Liveness and what this node is', access: anyone }, (c) =>
    c.json({ ok: true, org: s.org, level: s.level, matters: s.reference.catalogue.size, cases: s.index.size }),
  );
  registerAuthRoutes(routes, s);
  registerCatalogueRoutes(routes, s);
  registerCaseRoutes(routes, s);
  registerTrackRoutes(routes, s);
  registerMyCaseRoutes(routes, s);
  registerGrantRoutes(routes, s);
  registerInboxRoutes(routes, s);
  registerMaterialRoutes(routes, s);
  registerQueueRoutes(routes, s, s.queue);
  registerRatingRoutes(routes, s);
  registerBoardRoutes(routes, s);
  registerSupervisionRoutes(routes, s);
  registerStatusRoutes(routes, s, opts.chainPem);
  registerIdentityRelay(app, s, opts.hubUrl);
  registerPages(app, s);
  registerMetricsRoute(routes, metrics, opts.metrics);
  routes.add({ method: 'get', path: '/openapi.json', tag: 'operations', summary: 'This document', access: anyone }, (c) =>
    c.json(openApiDocument(`hallnet node ${s.org}`, routes.specs)),
  );
  return app;
}

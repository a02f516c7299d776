import { createHash } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler, type Next } from 'hono';
import { pino, type Logger } from 'pino';
import type { AuditSink } from '../audit/audit-log.js';
import type { Store } from '../store/store.js';
import { VisibilityIndex, type VisibilityIndexOptions } from '../visibility/visibility-index.js';
import { allDocsHandler } from './all-docs-handler.js';
import { bulkDocsHandler } from './bulk-docs-handler.js';
import { bulkGetHandler } from './bulk-get-handler.js';
import { changesHandler } from './changes-handler.js';
import { couchError } from './couch-error.js';
import { docHandler } from './doc-handler.js';
import type { Authenticate, GatewayDeps, GatewayEnv, WritePolicy } from './gateway-types.js';
import { LiveConnections } from './live-connections.js';
import { localDocHandler } from './local-doc-handler.js';
import { putDocHandler } from './put-doc-handler.js';
import { requestBodyLimit } from '../../sync/index.js';
import { revsDiffHandler } from './revs-diff-handler.js';

/** What the gateway is built from: the store, the node check and the write rule. */
export interface GatewayOptions {
  store: Store;
  authenticate: Authenticate;
  /** The write rule: `hubWritePolicy` at a district hub, `cityWritePolicy` at the city's. */
  mayWrite: WritePolicy;
  logger?: Logger;
  /**
   * Request bodies above this are 413. Generous on purpose: PouchDB never splits a refused
   * batch and retries it forever, so nodes bound their batches with `batch_size` instead.
   */
  maxBodyBytes?: number;
  /** Longest a longpoll `_changes` is held (default 60 s). */
  longpollMaxMs?: number;
  /** How long a request waits for the index's first build before a retryable 503 (default 10 s). */
  readyWaitMs?: number;
  /** Mixed into the per-node server uuid, so two hubs never share checkpoint ids. */
  hubId?: string;
  index?: Omit<VisibilityIndexOptions, 'logger'>;
  /** Middleware run first on every request, before the node is authenticated: the hub's request metrics. */
  observe?: MiddlewareHandler;
  /** The hub's audit log; without it nothing is logged (tests and benchmarks of the bare gateway). */
  audit?: AuditSink;
}

/** The gateway app, with the visibility index it owns and a `close` to call before closing the store. */
export type Gateway = Hono<GatewayEnv> & {
  readonly index: VisibilityIndex;
  readonly connections: LiveConnections;
  close(): Promise<void>;
};

/**
 * The hub's sync gateway: the CouchDB replication protocol that stock `PouchDB.replicate/sync`
 * speaks, under `/db`, authenticating every request, filtering every read by visibility and
 * checking every written revision. It builds and follows its own visibility index.
 */
export function createGateway(opts: GatewayOptions): Gateway {
  const logger = opts.logger ?? pino({ enabled: false });
  const index = new VisibilityIndex(opts.store, { ...opts.index, logger });
  let ready = false;
  void index.ready.then(() => (ready = true));
  const deps: GatewayDeps = {
    store: opts.store,
    index,
    mayWrite: opts.mayWrite,
    logger,
    longpollMaxMs: opts.longpollMaxMs ?? 60_000,
    connections: new LiveConnections(),
    audit: opts.audit,
  };
  const hubId = opts.hubId ?? 'hallnet-hub';

  const app = new Hono<GatewayEnv>({ strict: false });
  app.onError((err, c) => {
    const e = couchError(err);
    if (e.status >= 500 && e.body.error !== 'token_expired')
      logger.error({ err, path: c.req.path }, 'gateway request failed');
    return c.json(e.body, e.status, e.headers);
  });
  app.notFound((c) => c.json({ error: 'not_found', reason: 'no such endpoint' }, 404));

  if (opts.observe) app.use('*', opts.observe);
  app.use('*', async function authenticateNode(c, next) {
    const node = await opts.authenticate(c);
    deps.connections.seen(node);
    c.set('node', node);
    await next();
  });
  app.use('/db/*', async function awaitIndex(c: Context, next: Next) {
    if (!ready)
      await Promise.race([index.ready, new Promise((r) => setTimeout(r, opts.readyWaitMs ?? 10_000).unref())]);
    if (!ready)
      return c.json({ error: 'service_unavailable', reason: 'the hub is still building its index' }, 503, {
        'retry-after': '5',
      });
    await next();
  });
  const maxBodyBytes = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  app.use(
    '/db/*',
    requestBodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => c.json({ error: 'too_large', reason: 'request body too large; lower batch_size' }, 413),
    }),
  );

  app.get('/', (c) => {
    const { org, node } = c.get('node');
    // One uuid per node: PouchDB derives its replication id from it.
    const uuid = createHash('sha256').update(`${hubId}\n${org}\n${node}`).digest('hex').slice(0, 32);
    return c.json({ couchdb: 'Welcome', version: '3.3.3', vendor: { name: 'hallnet' }, uuid });
  });
  app.get('/db', (c) => {
    const { org } = c.get('node');
    return c.json({
      db_name: 'db',
      doc_count: index.liveCount(org),
      update_seq: index.headToken(),
      instance_start_time: '0',
    });
  });
  // Apache CouchDB's replicator asks source and target to commit before each checkpoint and
  // compares the answer with `instance_start_time` above; every write here is durable already.
  app.post('/db/_ensure_full_commit', (c) => c.json({ ok: true, instance_start_time: '0' }, 201));
  app.get('/db/_changes', changesHandler(deps));
  app.post('/db/_revs_diff', revsDiffHandler(deps));
  app.post(
    '/db/_bulk_docs',
    async function auditWritable(c, next) {
      // Fail closed: a hub that cannot log what it accepts stores nothing more (retryable for the node).
      if (deps.audit?.failure)
        return c.json({ error: 'service_unavailable', reason: 'the hub cannot write its audit log' }, 503, {
          'retry-after': '30',
        });
      await next();
    },
    bulkDocsHandler(deps),
  );
  app.post('/db/_bulk_get', bulkGetHandler(deps));
  app.on(['GET', 'POST'], '/db/_all_docs', allDocsHandler(deps));
  app.on(['GET', 'PUT'], '/db/_local/*', localDocHandler(deps));
  app.get('/db/*', docHandler(deps));
  app.put(
    '/db/*',
    putDocHandler((req) => Promise.resolve(app.fetch(req)), { maxBodyBytes }),
  );

  return Object.assign(app, { index, connections: deps.connections, close: () => index.close() });
}

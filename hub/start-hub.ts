import type { Context, MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import type { JSONWebKeySet } from 'jose';
import pino, { type Logger } from 'pino';
import {
  createLogNoticeSender,
  createPouchIdentityStore,
  createScryptHasher,
  nodeClientAddress,
} from '../identity/adapter/node/index.js';
import {
  createHttpNoticeSender,
  createIdentityApp,
  createStaffAccount,
  currentJwks,
  DEFAULT_ISSUER,
  IDENTITY_MAX_BODY_BYTES,
  RELAY_HEADERS,
  sealSigningKeys,
  type GrantBook,
  type NewStaff,
  type NoticeSender,
} from '../identity/index.js';
import {
  CleanupStack,
  CITY_JWKS_DOC_ID,
  HallnetError,
  jsonBodyLimit,
  jsonErrorHandler,
  JWKS_DOC_ID,
  requestLogger,
  revocationDocId,
  type Envelope,
  type JwksDoc,
} from '../sync/index.js';
import {
  closeServer,
  DEFAULT_SCRAPERS,
  listen,
  observeRequests,
  scraperAccess,
  ServerMetrics,
} from '../sync/node-only.js';
import { openHubAudit } from './audit/open-hub-audit.js';
import { startConflictCompactor, type CompactionResult } from './compact-conflicts.js';
import { EnrolledKeys } from './enrolled-keys.js';
import { cityCertificates } from './city/city-certificates.js';
import { cityTokens, readCityCredentials, readCityPin } from './city/city-credentials.js';
import { cityPinDoc } from './city/district-root-doc.js';
import { startCityLink, type CityLink } from './city/city-link.js';
import { cityWritePolicy } from './city/city-write-policy.js';
import { registerCitySupervisionRoutes } from './city/city-supervision-routes.js';
import { createGateway } from './gateway/create-gateway.js';
import { hubWritePolicy } from './gateway/hub-write-policy.js';
import { followReference } from './follow-reference.js';
import { publishCertificates } from './publish-certificates.js';
import { followGrants } from './follow-grants.js';
import { hubClientAddress, withClientAddress } from './hub-client-address.js';
import type { HubConfig } from './hub-config.js';
import { createHubRoutes, registerHubRoutes } from './hub-routes.js';
import { registerDistrictCaseRoutes } from './district-cases/district-case-routes.js';
import { followCaseLookup } from './district-cases/follow-case-lookup.js';
import { residentTokenVerifier } from './district-cases/resident-token-verifier.js';
import { DEFAULT_LOOKUP_LIMITS } from './hub-config.js';
import { registerLibraryRoutes } from './library/library-routes.js';
import { metricsEndpoint } from './metrics-endpoint.js';
import { nodeAuthenticator } from './node-authenticator.js';
import { publishSeed } from './publish-seed.js';
import { putDistrictDoc } from './put-district-doc.js';
import { registerHubMetrics } from './register-hub-metrics.js';
import { startRemoteIdentity } from './remote-identity.js';
import { followRevokedCertificates } from './revoked-certificates.js';
import { soleDuties, startDutyLease, type DutyLease } from './duty-lease.js';
import { createCouchStore } from './store/couch-store.js';
import { createPouchStore } from './store/pouch-store.js';
import type { Store } from './store/store.js';

export interface StartHubOptions {
  /** The district root CA's certificate: every node chain must end in it. */
  rootPem: string;
  clock?: () => Date;
  logger?: Logger;
  /** The district's reference data to publish where the store lacks it (with `config.seed`). */
  seedDocs?: readonly Envelope[];
  /** Where the identity service sends SMS codes; a log file in the data folder unless set. */
  sender?: NoticeSender;
  smsGatewayUrl?: string;
  /** Staff accounts to create when missing: the district's first admin (and the demo's clerks). */
  staff?: NewStaff[];
}

export interface RunningHub {
  url: string;
  store: Store;
  /** The district's grants as the write rule sees them. */
  grants: GrantBook;
  /** Resolves once the visibility index is built; nodes are answered 503 (retry) until then. */
  ready: Promise<void>;
  /** A district hub's link to its city hub, when it has one (`cityUrl`). */
  city: CityLink | undefined;
  /** The conflict compactor, for a run now rather than at its next interval. */
  compactor: { runNow(): Promise<CompactionResult | undefined> };
  close(): Promise<void>;
}

/**
 * The district hub in one process: the sync gateway over the store (embedded PouchDB, or CouchDB
 * when configured), the identity service (in this process, or relayed to `identityUrl`, e.g. the
 * Cloudflare Worker), its JWKS published as a replicated document, the
 * revocation list nodes are checked against, and the conflict compactor.
 */
export async function startHub(config: HubConfig, opts: StartHubOptions): Promise<RunningHub> {
  const logger = opts.logger ?? pino({ level: config.logLevel, base: { hub: config.district } });
  const clock = opts.clock ?? (() => new Date());
  // Everything opened below registers its close here: a failed start closes it, and so does close().
  const stack = new CleanupStack();
  try {
    const store = stack.add(
      'store',
      config.couchUrl
        ? await createCouchStore({ url: config.couchUrl })
        : await createPouchStore({ dir: `${config.dataDir}/store` }),
      (s) => s.close(),
    );
    const audit = stack.add(
      'audit',
      await openHubAudit(store, {
        dataDir: config.dataDir,
        instance: config.instance,
        district: config.district,
        sealSeconds: config.auditSealSeconds,
        clock,
        logger,
      }),
      (a) => a.close(),
    );
    if (config.seed && opts.seedDocs) {
      const written = await publishSeed(audit.store('seed'), opts.seedDocs);
      if (written) logger.info({ written }, 'seed published');
    }
    if (config.cityUrl) {
      // The city root as this district pinned it at enrolment: its halls take other districts' roots only by it.
      const pin = readCityPin(config.caDir);
      if (pin) await publishSeed(audit.store('certificates'), [cityPinDoc(config.district, pin, clock())]);
      else
        logger.warn({ caDir: config.caDir }, "no pin of the city root: this district's halls trust no other district");
    }
    // Several instances may serve a CouchDB store: one of them at a time publishes the JWKS, rotates keys
    // and compacts conflicts. The embedded store is one process's alone, and so are its duties.
    let jwksDuty: (() => Promise<void>) | undefined;
    const duties = config.couchUrl
      ? startDutyLease(audit.store('lease'), {
          instance: config.instance,
          ttlMs: (config.leaseSeconds ?? 30) * 1000,
          clock,
          logger,
          whileHeld: async () => jwksDuty?.(),
        })
      : { lease: soleDuties(config.instance), ready: Promise.resolve() };
    const lease = stack.add('duty lease', duties.lease, (l) => l.stop());
    await duties.ready;
    const publishJwks = async (jwks: JSONWebKeySet) => {
      if (!lease.held()) return; // the holder publishes (and republishes whenever it renews)
      // A city's keys go down to every district beside the district's own: under an id of their own.
      const doc = jwksDoc(jwks, config.district, clock(), config.role === 'city' ? CITY_JWKS_DOC_ID : JWKS_DOC_ID);
      // Every node replicates each revision: write one only when the keys changed.
      if (sameKeys(await store.get(doc._id), doc)) return;
      await putDistrictDoc(audit.store('jwks'), doc);
    };

    const revoked = stack.add('revocation follower', followRevokedCertificates(store, logger), (r) => r.stop());
    await revoked.ready;
    const grants = stack.add(
      'grant follower',
      followGrants(store, { rootPem: opts.rootPem, clock, isCertRevoked: revoked.has, logger }),
      (g) => g.stop(),
    );
    await grants.ready;
    const reference = stack.add('reference follower', followReference(store, logger, clock), (r) => r.stop());
    await reference.ready;
    const enrolled = stack.add('certificate follower', EnrolledKeys.follow(store, revoked.has, logger), (e) =>
      e.stop(),
    );
    await enrolled.ready;
    const nodes = nodeAuthenticator({ rootPem: opts.rootPem, isRevoked: revoked.has, clock });
    // A city's nodes are district hubs: the certificates it publishes are the districts' roots and halls.
    const authenticate =
      config.role === 'city'
        ? nodes
        : publishCertificates(nodes, {
            store: audit.store('certificates'),
            district: config.district,
            rootPem: opts.rootPem,
            clock,
            logger,
            enrolled: enrolled.keys,
          });
    const metrics = new ServerMetrics();
    const observe = observeRequests(metrics);
    // The index snapshot is this instance's own cache (never the store's): restarts read the feed from it on.
    const index = { snapshot: { path: `${config.dataDir}/visibility-index.snapshot` } };
    const gateway = stack.add(
      'gateway',
      createGateway({
        store,
        authenticate,
        mayWrite:
          config.role === 'city'
            ? cityWritePolicy({ certificates: cityCertificates(store), clock })
            : hubWritePolicy({
                grants: grants.book,
                reference,
                clock,
                bounds: config.bounds,
                offlineDays: config.offlineDays,
              }),
        logger,
        hubId: `hallnet-hub-${config.district}`,
        observe,
        audit: audit.sink,
        index,
      }),
      (g) => g.close(),
    );
    registerHubMetrics(metrics, { district: config.district, store, gateway });
    const hallAuthenticator = nodeAuthenticator({
      rootPem: opts.rootPem,
      isRevoked: revoked.has,
      clock,
      header: RELAY_HEADERS.hallToken,
    });
    const clientAddress = hubClientAddress({
      trustedProxies: config.trustedProxies,
      authenticateHall: hallAuthenticator,
    });
    const authorizeNode = async (c: Context) => (await authenticate(c)).org;
    const deps = { clock, logger, clientAddress, authorizeNode, publishJwks, lease };
    const identity = config.identityUrl
      ? await remoteIdentity(
          config.identityUrl,
          { ...deps, relaySecret: config.identityRelaySecret, staff: opts.staff },
          stack,
        )
      : await embeddedIdentity(config, opts, { ...deps, observe }, stack);
    jwksDuty = identity.publishCurrentJwks;
    const compactor = stack.add(
      'conflict compactor',
      startConflictCompactor(audit.store('compactor'), { logger, when: lease.held, district: config.district }),
      (c) => c.stop(),
    );
    const cityUrl = config.cityUrl;
    const city = cityUrl
      ? stack.add(
          'city link',
          startCityLink({
            store,
            writer: audit.store('city'),
            district: config.district,
            cityUrl,
            token: cityTokens(readCityCredentials(config.caDir), clock),
            logger: logger.child({ part: 'city link' }),
            clock,
          }),
          (l) => l.stop(),
        )
      : undefined;
    // Built in the background like the visibility index, and like it from its own snapshot when it has one:
    // lookups answer 503 until it has every case. It loads once the index is ready, since both loads take
    // this thread and the halls' sync waits on the index (at 1,000,000 documents each load takes seconds).
    const cases = stack.add(
      'case lookup',
      followCaseLookup(store, logger, {
        snapshot: { path: `${config.dataDir}/case-lookup.snapshot` },
        after: gateway.index.ready,
      }),
      (f) => f.stop(),
    );
    let casesTaken = false;
    void cases.ready.then(() => (casesTaken = true));
    const isCity = config.role === 'city';
    const residentTokens = stack.add(
      'resident tokens',
      residentTokenVerifier(store, { clock, logger, ...(isCity ? { ownKeys: CITY_JWKS_DOC_ID } : {}) }),
      (r) => r.stop(),
    );

    const routes = createHubRoutes({
      authorizeNode,
      authenticate: (token) => residentTokens.verify(token),
      // At a city hub, staff are the city's own (its supervisors): a district's never sign in there.
      ...(isCity ? { staffMayActFrom: (org: string) => org === config.district } : {}),
    });
    const app = routes.app;
    app.onError(jsonErrorHandler(logger));
    app.use(requestId());
    app.use(requestLogger(logger));
    // The gateway and an embedded identity service observe their own routes; these are the hub's.
    for (const own of [
      '/healthz',
      '/openapi.json',
      '/metrics',
      '/api/*',
      ...(config.identityUrl ? ['/identity/*', '/.well-known/jwks.json'] : []),
    ])
      app.use(own, observe);
    const mayScrape = scraperAccess({
      allow: config.metrics?.allow ?? [DEFAULT_SCRAPERS],
      token: config.metrics?.token,
      clientAddress: nodeClientAddress,
    });
    let indexed = false;
    void gateway.index.ready.then(() => (indexed = true));
    registerHubRoutes(routes, {
      district: config.district,
      health: () => ({
        ok: true,
        district: config.district,
        store: store.kind,
        indexed,
        casesIndexed: casesTaken,
        ...(city ? { city: city.status().connected } : {}),
      }),
      metrics: metricsEndpoint(metrics, mayScrape),
      certificateRevocation: async (serial) => store.get(revocationDocId('certificate', serial), { revs: true }),
    });
    registerDistrictCaseRoutes(routes, {
      store,
      lookup: cases.lookup,
      ready: () => casesTaken,
      reference,
      limits: config.lookupLimits ?? DEFAULT_LOOKUP_LIMITS,
      clock,
      verifyResident: (t) => residentTokens.verify(t),
    });
    if (isCity) registerCitySupervisionRoutes(routes, { store, clock });
    // 一表一库 across the district, from the same lookup: a holder's cases by the HMAC of his ID.
    registerLibraryRoutes(routes, {
      store,
      cases: cases.lookup,
      ready: () => casesTaken,
      grants: grants.book,
      verifyResident: (t) => residentTokens.verify(t),
    });
    // A relayed body is read whole before it is sent on: held to the identity service's own limit first.
    app.use('/identity/*', jsonBodyLimit(IDENTITY_MAX_BODY_BYTES));
    app.all('/identity/*', (c) => identity.fetch(c));
    app.get('/.well-known/jwks.json', (c) => identity.fetch(c));
    app.all('*', (c) => gateway.fetch(c.req.raw, c.env));

    const { url } = stack.add('server', await listen(app.fetch, config.host, config.port), (l) =>
      closeServer(l.server),
    );
    logger.info({ url, store: store.kind }, 'hub listening');
    return {
      url,
      // Whatever is written through the running hub's store is the hub's own write, and logged as such.
      store: audit.store('hub'),
      grants: grants.book,
      ready: gateway.index.ready,
      city,
      compactor,
      async close() {
        await stack.close();
        logger.info('hub stopped');
      },
    };
  } catch (err) {
    return stack.abandon(err);
  }
}

/** The identity service as the hub serves it: `/identity/*` and the JWKS (closed through the hub's cleanup stack). */
interface HubIdentity {
  fetch(c: Context): Response | Promise<Response>;
  /** Publishes the service's JWKS as it stands now (when this instance holds the duties). */
  publishCurrentJwks(): Promise<void>;
}

interface IdentityDeps {
  clock: () => Date;
  logger: Logger;
  /** The caller's address as the hub establishes it (hubClientAddress). */
  clientAddress: (c: Context) => Promise<string>;
  authorizeNode: (c: Context) => Promise<string>;
  publishJwks: (jwks: JSONWebKeySet) => Promise<void>;
  /** The hub's request metrics, for the identity service's routes. */
  observe?: MiddlewareHandler;
  /** Whether this instance holds the single-writer duties (key rotation among them). */
  lease: DutyLease;
}

/**
 * The identity service in the hub's own process, on its own PouchDB database in the data folder —
 * or, over CouchDB, on the database `hallnet_identity` beside the store's, which every hub
 * instance of the district shares (accounts, sessions, keys).
 */
async function embeddedIdentity(
  config: HubConfig,
  opts: StartHubOptions,
  d: IdentityDeps,
  stack: CleanupStack,
): Promise<HubIdentity> {
  const where = config.couchUrl ? { url: identityDbUrl(config.couchUrl) } : { dir: config.dataDir };
  const stored = stack.add('identity store', await createPouchIdentityStore(where), (s) => s.close());
  if (!config.keySealSecret) {
    if ((await stored.listKeys()).some((k) => k.privateJwk.kty === 'sealed'))
      throw new HallnetError(
        'ERR_CONFIG',
        'the signing keys are sealed: set HUB_KEY_SEAL_SECRET to the secret they were sealed with',
      );
    if (config.couchUrl)
      d.logger.warn('HUB_KEY_SEAL_SECRET is unset: the signing keys lie unsealed in CouchDB, readable by its admins');
  }
  const identityStore = config.keySealSecret ? sealSigningKeys(stored, config.keySealSecret) : stored;
  const hasher = createScryptHasher();
  for (const account of opts.staff ?? []) {
    if (!(await identityStore.getAccount(`staff:${account.account}`)))
      await createStaffAccount({ store: identityStore, hasher, clock: d.clock }, account, 'hub-bootstrap');
  }
  const publishCurrentJwks = async () => {
    // Only the holder may make the district's first key: a follower's would sign unpublished tokens.
    if (d.lease.held()) await d.publishJwks(await currentJwks(identityStore, { clock: d.clock }));
  };
  await publishCurrentJwks();
  const sender =
    opts.sender ??
    (opts.smsGatewayUrl
      ? createHttpNoticeSender({ url: opts.smsGatewayUrl })
      : createLogNoticeSender(`${config.dataDir}/sms.log`, d.clock));
  const app = createIdentityApp({
    store: identityStore,
    hasher,
    sender,
    district: config.district,
    // The hub hands every request over with the address it established (withClientAddress).
    clientAddress: (c) => c.req.header(RELAY_HEADERS.clientAddress) ?? nodeClientAddress(c),
    authorizeNode: d.authorizeNode,
    clock: d.clock,
    logger: d.logger,
    onJwksChange: d.publishJwks,
    ...(d.observe ? { observe: d.observe } : {}),
    keyDuty: () => ({ held: d.lease.held(), holder: d.lease.holder() }),
  });
  return {
    fetch: async (c) => app.fetch(withClientAddress(c.req.raw, await d.clientAddress(c)), c.env),
    publishCurrentJwks,
  };
}

/** The identity service elsewhere (`HUB_IDENTITY_URL`, the Worker): its JWKS published, requests relayed. */
async function remoteIdentity(
  url: string,
  o: Omit<IdentityDeps, 'observe'> & { relaySecret: string | undefined; staff: NewStaff[] | undefined },
  stack: CleanupStack,
): Promise<HubIdentity> {
  if (o.staff?.length)
    o.logger.warn(
      { accounts: o.staff.map((s) => s.account) },
      'staff accounts are made at the identity service, not by this hub: ignored',
    );
  if (!o.relaySecret)
    o.logger.warn(
      { identity: url },
      "no HUB_IDENTITY_RELAY_SECRET: the identity service sees only the hub's address and gives nodes no staff verifiers",
    );
  const remote = stack.add('identity relay', startRemoteIdentity({ url, ...o }), (r) => r.stop());
  // A service out of reach at start leaves the JWKS the nodes already have; the next fetch tries again.
  await remote
    .refreshJwks()
    .catch((err: unknown) => o.logger.warn({ err: String(err), identity: url }, 'identity JWKS not fetched at start'));
  return { fetch: (c) => remote.fetch(c), publishCurrentJwks: () => remote.refreshJwks() };
}

/** The identity database beside the store's on the same CouchDB server (credentials kept). */
function identityDbUrl(couchUrl: string): string {
  return new URL('hallnet_identity', couchUrl.endsWith('/') ? couchUrl : `${couchUrl}/`).href;
}

/** Whether the published JWKS document already holds exactly these keys for this issuer. */
function sameKeys(current: unknown, next: JwksDoc): boolean {
  const c = current as Partial<JwksDoc> | undefined;
  return c?.issuer === next.issuer && JSON.stringify(c.keys) === JSON.stringify(next.keys);
}

function jwksDoc(jwks: JSONWebKeySet, district: string, now: Date, id: string): JwksDoc {
  const keys = jwks.keys.map(({ kty, crv, x, y, kid, alg, use }) => ({
    kty,
    crv,
    x,
    y,
    kid,
    alg,
    use,
  })) as JwksDoc['keys'];
  return {
    _id: id,
    type: 'jwks',
    scope: district,
    parties: [district],
    author: { id: 'hub', name: 'identity', org: district },
    at: now.toISOString(),
    issuer: DEFAULT_ISSUER,
    keys,
  };
}

import type { Hono } from 'hono';
import { HallnetError } from '../../../sync/index.js';
import { createIdentityApp } from '../../create-identity-app.js';
import { createStaffAccount } from '../../create-staff-account.js';
import type { IdentityEnv } from '../../identity-env.js';
import { createHttpNoticeSender } from '../../http-notice-sender.js';
import type { IdentityLogger } from '../../identity-logger.js';
import { createNobleScryptHasher } from '../../noble-scrypt-hasher.js';
import type { NoticeSender } from '../../notice-sender.js';
import type { PasswordHasher } from '../../password-hasher.js';
import { sealSigningKeys } from '../../store/seal-signing-keys.js';
import type { IdentityStore } from '../../store/identity-store.js';
import { consoleLogger } from './console-logger.js';
import { createD1IdentityStore, type D1IdentityStore } from './d1-identity-store.js';
import { hubRelayAuth } from './hub-relay-auth.js';
import { readIdentityWorkerEnv, type IdentityWorkerEnv, type IdentityWorkerSettings } from './identity-worker-env.js';
import { IsolateMetrics } from './isolate-metrics.js';
import { workerMetrics } from './worker-metrics.js';

/** The part of Workers' ExecutionContext the handlers use. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The identity Worker's module handlers (what `identity/worker.ts` exports as default). */
export interface IdentityWorkerHandlers {
  fetch(request: Request, env: IdentityWorkerEnv, ctx: WorkerContext): Promise<Response>;
  /** The cron trigger: deletes expired counters, ended logins and codes from D1. */
  scheduled(
    controller: { scheduledTime: number; cron?: string },
    env: IdentityWorkerEnv,
    ctx: WorkerContext,
  ): Promise<void>;
}

interface Instance {
  app: Hono<IdentityEnv>;
  d1: D1IdentityStore;
  logger: IdentityLogger;
  metrics: IsolateMetrics;
  metricsToken: string | undefined;
}

// One app per isolate: the imported signing key and the dummy verifier are kept between requests.
const instances = new WeakMap<IdentityWorkerEnv, Promise<Instance>>();

function noGateway(logger: IdentityLogger): NoticeSender {
  return {
    async send() {
      logger.error({}, 'SMS_GATEWAY_URL is not set: no code can be sent');
      throw new HallnetError('ERR_NOTICE_FAILED', 'no SMS gateway is configured');
    },
  };
}

async function bootstrapAdmin(
  s: IdentityWorkerSettings,
  store: IdentityStore,
  hasher: PasswordHasher,
  logger: IdentityLogger,
): Promise<void> {
  const admin = s.BOOTSTRAP_ADMIN;
  if (!admin || (await store.getAccount(`staff:${admin.account}`))) return;
  try {
    await createStaffAccount(
      { store, hasher, clock: () => new Date() },
      { ...admin, org: s.DISTRICT, roles: ['admin'] },
      'worker-bootstrap',
    );
    logger.info(
      { account: admin.account, org: s.DISTRICT },
      'district admin created from BOOTSTRAP_ADMIN: delete the secret now',
    );
  } catch (err) {
    // Another isolate made it first.
    if (!(err instanceof HallnetError && err.code === 'ERR_ACCOUNT_EXISTS')) throw err;
  }
}

async function build(env: IdentityWorkerEnv): Promise<Instance> {
  const s = readIdentityWorkerEnv(env);
  const logger = consoleLogger(s.LOG_LEVEL, { service: 'hallnet-identity', district: s.DISTRICT });
  const d1 = createD1IdentityStore(env.DB);
  const store = sealSigningKeys(d1, s.KEY_SEAL_SECRET);
  const hasher = createNobleScryptHasher();
  const relay = hubRelayAuth(s.RELAY_SECRET);
  const sender = s.SMS_GATEWAY_URL
    ? createHttpNoticeSender({
        url: s.SMS_GATEWAY_URL,
        headers: s.SMS_GATEWAY_TOKEN ? { authorization: `Bearer ${s.SMS_GATEWAY_TOKEN}` } : {},
      })
    : noGateway(logger);
  await bootstrapAdmin(s, store, hasher, logger);
  const metrics = new IsolateMetrics();
  const app = createIdentityApp({
    store,
    hasher,
    sender,
    district: s.DISTRICT,
    clientAddress: relay.clientAddress,
    authorizeNode: relay.authorizeNode,
    logger,
    observe: metrics.observe,
  });
  return { app, d1, logger, metrics, metricsToken: s.METRICS_TOKEN };
}

function instance(env: IdentityWorkerEnv): Promise<Instance> {
  let built = instances.get(env);
  if (!built) {
    built = build(env);
    instances.set(env, built);
    // A misconfigured Worker tries again on the next request rather than keeping the failure.
    built.catch(() => instances.delete(env));
  }
  return built;
}

function configFailure(err: unknown): Response {
  const e =
    err instanceof HallnetError
      ? err
      : new HallnetError('ERR_CONFIG', (err as Error)?.message ?? 'identity Worker failed to start', { cause: err });
  console.error(
    JSON.stringify({
      level: 50,
      time: Date.now(),
      service: 'hallnet-identity',
      msg: 'identity Worker is misconfigured',
      err: e.message,
    }),
  );
  return Response.json(e.toBody(), { status: 500, headers: { 'cache-control': 'no-store' } });
}

/**
 * The identity service as a Cloudflare Worker: the same app as in the hub process, on the D1 store
 * (signing keys sealed with KEY_SEAL_SECRET), scrypt in pure JavaScript, SMS through the gateway at
 * SMS_GATEWAY_URL, the caller's address from CF-Connecting-IP (or from the hub, for requests it
 * relays with RELAY_SECRET), and a cron trigger that sweeps D1.
 */
export const identityWorker: IdentityWorkerHandlers = {
  async fetch(request, env, ctx) {
    let w: Instance;
    try {
      w = await instance(env);
    } catch (err) {
      return configFailure(err);
    }
    if (new URL(request.url).pathname === '/metrics') return workerMetrics(request, w.metricsToken, w.metrics);
    return w.app.fetch(request, env, ctx as never);
  },

  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      (async () => {
        const w = await instance(env);
        const swept = await w.d1.sweep(controller.scheduledTime);
        w.logger.info({ ...swept }, 'identity store swept');
      })(),
    );
  },
};

import { join } from 'node:path';
import {
  createPouchIdentityStore,
  createScryptHasher,
  forwardedClientAddress,
} from '../../identity/adapter/node/index.js';
import { startIdentityWorker } from '../../identity/testing/start-identity-worker.js';
import { startSmsGateway } from '../../identity/testing/sms-gateway.js';
import { createIdentityApp, createNobleScryptHasher } from '../../identity/web.js';
import { closeServer, listen } from '../../sync/node-only.js';
import { tempDir } from '../support/temp-dir.js';
import { report } from './report.js';

const LOGINS = 60;
const CONCURRENCY = 4;
const RESIDENT = { name: '赵敏', idNumber: '11010519491231002X', phone: '13800138001', password: 'resident-pass-1' };

/** Signs RESIDENT up at `base` (with the code `codeOf` read from the SMS sent), then logs in LOGINS times from as many addresses; logins per second. */
async function loginsPerSecond(base: string, fromHeader: string, codeOf: (phone: string) => string): Promise<number> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const asked = await post('/identity/residents/code', { phone: RESIDENT.phone });
  if (asked.status !== 202) throw new Error(`sign-up code ${asked.status}: ${await asked.text()}`);
  const signUp = await post('/identity/residents', { ...RESIDENT, code: codeOf(RESIDENT.phone) });
  if (signUp.status !== 201) throw new Error(`sign-up ${signUp.status}: ${await signUp.text()}`);
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < LOGINS) {
        const i = next++;
        // Each login from its own address, as residents at many halls would be: no rate limit is hit.
        const res = await post(
          '/identity/login',
          { kind: 'resident', login: RESIDENT.phone, password: RESIDENT.password },
          { [fromHeader]: `10.0.${i >> 8}.${i & 255}` },
        );
        if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  return LOGINS / ((performance.now() - t) / 1000);
}

async function checksPerSecond(
  hasher: { verify(p: string, v: string): Promise<boolean> },
  verifier: string,
  n: number,
): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++)
    if (!(await hasher.verify(RESIDENT.password, verifier))) throw new Error('verifier did not check');
  return n / ((performance.now() - t) / 1000);
}

/**
 * Logins per second at the identity service (issue 8): in Node as the hub runs it (PouchDB store,
 * node:crypto scrypt, over HTTP) beside the same app as the Cloudflare Worker inside miniflare
 * (workerd, D1, scrypt in JavaScript); with the bare scrypt check each pays, in this process.
 */
export async function runIdentityBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-identity-');
  try {
    const store = await createPouchIdentityStore({ dir: join(dir.path, 'identity') });
    const codes = new Map<string, string>();
    const app = createIdentityApp({
      store,
      hasher: createScryptHasher(),
      sender: { send: async (n) => void (n.params.code && codes.set(n.phone, n.params.code)) },
      district: 'dongcheng',
      clientAddress: forwardedClientAddress(['127.0.0.1', '::1', '::ffff:127.0.0.1']),
    });
    const { server, url } = await listen(app.fetch, '127.0.0.1', 0);
    const node = await loginsPerSecond(url, 'x-forwarded-for', (phone) => codes.get(phone)!);
    await closeServer(server);
    await store.close();

    const sms = await startSmsGateway();
    const worker = await startIdentityWorker({ smsGatewayUrl: sms.url });
    let workerd: number;
    try {
      workerd = await loginsPerSecond(worker.url, 'cf-connecting-ip', (phone) => sms.lastCode(phone));
    } finally {
      await worker.close();
      await sms.close();
    }

    const verifier = await createScryptHasher().hash(RESIDENT.password);
    const nativeChecks = await checksPerSecond(createScryptHasher(), verifier, 20);
    const nobleChecks = await checksPerSecond(createNobleScryptHasher(), verifier, 20);

    report('identity.logins_per_second_node_http', node, 'logins/s');
    report('identity.logins_per_second_workerd_miniflare', workerd, 'logins/s');
    report('identity.workerd_vs_node', workerd / node, 'ratio');
    report('identity.baseline_scrypt_node_crypto', nativeChecks, 'checks/s');
    report('identity.baseline_scrypt_noble_js', nobleChecks, 'checks/s');
  } finally {
    dir.remove();
  }
}

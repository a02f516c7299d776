// The Worker entry inside workerd (vitest.workers.config.ts), as Cloudflare would call it: bindings
// and secrets from wrangler.toml and the test config, D1 with the migrations applied.
import { applyD1Migrations, env, SELF } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { D1Database } from './adapter/workers/d1-database.js';
import type { IdentityWorkerEnv } from './adapter/workers/identity-worker-env.js';
import { idNumber, phone } from './testing/identity-fixtures.js';
import worker from './worker.js';

const db = env.DB as D1Database;
const RELAY = env.RELAY_SECRET as string;
const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  SELF.fetch(`https://identity.test${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      'cf-connecting-ip': '192.0.2.1',
      ...init.headers,
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
const waitUntils: Promise<unknown>[] = [];
const ctx = { waitUntil: (p: Promise<unknown>) => void waitUntils.push(p) };

beforeAll(async () => {
  await applyD1Migrations(db, env.TEST_MIGRATIONS);
});
afterEach(() => vi.restoreAllMocks());

describe('identity Worker', () => {
  it('serves the JWKS from D1, keeping the private key sealed there', async () => {
    const res = await call('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: { kid: string; d?: string }[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toHaveProperty('d');
    const row = await db
      .prepare('SELECT private_jwk FROM signing_keys WHERE kid = ?')
      .bind(keys[0]!.kid)
      .first<{ private_jwk: string }>();
    expect(JSON.parse(row!.private_jwk)).toMatchObject({ kty: 'sealed', alg: 'A256GCM' });
    expect(row!.private_jwk).not.toMatch(/"d"/);
  });

  it('serves /metrics to a bearer of METRICS_TOKEN only, counting requests under their route pattern', async () => {
    expect((await call('/.well-known/jwks.json')).status).toBe(200);
    expect((await call('/metrics')).status).toBe(403);
    expect((await call('/metrics', { headers: { authorization: 'Bearer not-the-metrics-token' } })).status).toBe(403);
    const res = await call('/metrics', { headers: { authorization: `Bearer ${env.METRICS_TOKEN as string}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE hallnet_http_request_duration_seconds histogram');
    expect(text).toMatch(
      /^hallnet_http_requests_total\{method="GET",route="\/\.well-known\/jwks\.json",status="200"\} [1-9]/m,
    );
  });

  it('creates the BOOTSTRAP_ADMIN once, as admin of the district, and signs up and logs in residents with scrypt verifiers', async () => {
    const admin = await call('/identity/login', {
      body: { kind: 'staff', login: 'admin', password: 'Admin-pass-2026' },
    });
    expect(admin.status, await admin.clone().text()).toBe(200);
    expect(((await admin.json()) as { account: unknown }).account).toMatchObject({
      org: 'dongcheng',
      roles: ['admin'],
    });
    expect(
      (await db.prepare("SELECT COUNT(*) AS n FROM accounts WHERE kind = 'staff'").first<{ n: number }>())!.n,
    ).toBe(1);

    // The phone is proven by the code sent through the SMS gateway.
    const sent: { body: { phone: string; template: string; params: { code: string } } }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      sent.push({ body: JSON.parse(String(init?.body)) });
      return new Response('{}');
    });
    const withGateway = { ...(env as unknown as IdentityWorkerEnv), SMS_GATEWAY_URL: 'https://sms.test/send' };
    const post = (path: string, body: unknown) =>
      worker.fetch(
        new Request(`https://identity.test${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.3' },
          body: JSON.stringify(body),
        }),
        withGateway,
        ctx,
      );
    expect((await post('/identity/residents/code', { phone: phone(1) })).status).toBe(202);
    expect(sent.map((s) => s.body.template)).toEqual(['signup-code']);
    const signUp = await post('/identity/residents', {
      name: '王小明',
      idNumber: idNumber(1),
      phone: phone(1),
      code: sent[0]!.body.params.code,
      password: 'Resident-pass-2026',
    });
    expect(signUp.status, await signUp.clone().text()).toBe(201);
    const row = await db
      .prepare('SELECT verifier FROM accounts WHERE phone = ?')
      .bind(phone(1))
      .first<{ verifier: string }>();
    expect(row!.verifier).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    const login = await call('/identity/login', {
      body: { kind: 'resident', login: idNumber(1), password: 'Resident-pass-2026' },
    });
    expect(login.status).toBe(200);
  });

  it("counts requests by CF-Connecting-IP, and by the hub's client address only when the relay secret comes with it", async () => {
    const body = { kind: 'resident', login: phone(1), password: 'not-the-password' };
    await call('/identity/login', {
      body,
      headers: { 'cf-connecting-ip': '203.0.113.7', 'x-hallnet-client-address': '198.51.100.9' },
    });
    await call('/identity/login', {
      body,
      headers: {
        'cf-connecting-ip': '203.0.113.8',
        'x-hallnet-client-address': '198.51.100.10',
        'x-hallnet-relay-secret': RELAY,
      },
    });
    const keys = (
      await db.prepare("SELECT key FROM counters WHERE key LIKE 'rate:addr:%'").all<{ key: string }>()
    ).results.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['rate:addr:203.0.113.7', 'rate:addr:198.51.100.10']));
    expect(keys).not.toContain('rate:addr:198.51.100.9');
    expect(keys).not.toContain('rate:addr:203.0.113.8');
  });

  it('takes node calls only as relayed by the hub with the secret, for the organisation it names', async () => {
    const relayed = await call('/identity/node-staff?org=dongcheng', {
      headers: { 'x-hallnet-relay-secret': RELAY, 'x-hallnet-node-org': 'dongcheng' },
    });
    expect(relayed.status).toBe(200);
    expect(((await relayed.json()) as { staff: { account: string }[] }).staff.map((s) => s.account)).toEqual(['admin']);
    const refused: Record<string, string>[] = [
      { 'x-hallnet-node-org': 'dongcheng' },
      { 'x-hallnet-relay-secret': `${RELAY}x`, 'x-hallnet-node-org': 'dongcheng' },
      { 'x-hallnet-relay-secret': RELAY },
    ];
    for (const headers of refused) {
      const res = await call('/identity/node-staff?org=dongcheng', { headers });
      expect(res.status).toBe(401);
    }
    const other = await call('/identity/node-staff?org=dongcheng', {
      headers: { 'x-hallnet-relay-secret': RELAY, 'x-hallnet-node-org': 'dongcheng/jingshan' },
    });
    expect(other.status).toBe(403);
  });

  it('refuses every node call when no relay secret is set', async () => {
    const res = await worker.fetch(
      new Request('https://identity.test/identity/node-staff?org=dongcheng', {
        headers: { 'x-hallnet-node-org': 'dongcheng' },
      }),
      { ...(env as unknown as IdentityWorkerEnv), RELAY_SECRET: undefined },
      ctx,
    );
    expect(res.status).toBe(403);
  });

  it('sends login codes to the SMS gateway with its token, and answers 502 without a gateway', async () => {
    const sent: { url: string; auth: string | null; body: { phone: string; params: { code: string } } }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      sent.push({
        url: String(input),
        auth: new Headers(init?.headers).get('authorization'),
        body: JSON.parse(String(init?.body)),
      });
      return new Response('{}');
    });
    const withGateway = {
      ...(env as unknown as IdentityWorkerEnv),
      SMS_GATEWAY_URL: 'https://sms.test/send',
      SMS_GATEWAY_TOKEN: 'gw-token',
    };
    const post = (e: IdentityWorkerEnv, path: string, body: unknown) =>
      worker.fetch(
        new Request(`https://identity.test${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.2' },
          body: JSON.stringify(body),
        }),
        e,
        ctx,
      );
    expect((await post(withGateway, '/identity/otp/request', { phone: phone(1) })).status).toBe(202);
    expect(sent).toEqual([
      { url: 'https://sms.test/send', auth: 'Bearer gw-token', body: expect.objectContaining({ phone: phone(1) }) },
    ]);
    expect(
      (await post(withGateway, '/identity/otp/login', { phone: phone(1), code: sent[0]!.body.params.code })).status,
    ).toBe(200);
    expect((await post(withGateway, '/identity/residents/code', { phone: phone(2) })).status).toBe(202);
    expect(
      (
        await post(withGateway, '/identity/residents', {
          name: '赵六',
          idNumber: idNumber(2),
          phone: phone(2),
          code: sent.at(-1)!.body.params.code,
        })
      ).status,
    ).toBe(201);
    const noGateway = { ...(env as unknown as IdentityWorkerEnv), SMS_GATEWAY_URL: undefined };
    const res = await post(noGateway, '/identity/otp/request', { phone: phone(2) });
    expect({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code }).toEqual({
      status: 502,
      code: 'ERR_NOTICE_FAILED',
    });
  });

  it('answers 500 ERR_CONFIG naming a missing or weak secret, and recovers once it is set', async () => {
    const broken = { ...(env as unknown as IdentityWorkerEnv), KEY_SEAL_SECRET: 'short' };
    const res = await worker.fetch(new Request('https://identity.test/.well-known/jwks.json'), broken, ctx);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; issues: { field: string }[] } };
    expect(body.error.code).toBe('ERR_CONFIG');
    expect(body.error.issues.map((i) => i.field)).toEqual(['KEY_SEAL_SECRET']);
    broken.KEY_SEAL_SECRET = env.KEY_SEAL_SECRET as string;
    expect((await worker.fetch(new Request('https://identity.test/.well-known/jwks.json'), broken, ctx)).status).toBe(
      200,
    );
  });

  it('sweeps old counters, ended logins and expired codes on its cron trigger', async () => {
    const now = Date.now();
    await db.batch([
      db
        .prepare("INSERT INTO counters (key, count, window_start) VALUES ('rate:addr:old', 3, ?)")
        .bind(now - 3 * 86_400_000),
      db
        .prepare("INSERT INTO otps (phone, code_hash, expires_at, attempts) VALUES ('13900009999', 'h', ?, 0)")
        .bind(now - 1),
      db.prepare(
        "INSERT INTO refresh_tokens (hash, family_id, sub, issued_at, expires_at, family_expires_at) VALUES ('old', 'f-old', 'resident:x', 0, 1, 2)",
      ),
      db.prepare("INSERT INTO revoked_families (family_id, revoked_at) VALUES ('f-old', 1)"),
    ]);
    await worker.scheduled({ scheduledTime: now, cron: '17 3 * * *' }, env as unknown as IdentityWorkerEnv, ctx);
    await Promise.all(waitUntils.splice(0));
    expect(await db.prepare("SELECT key FROM counters WHERE key = 'rate:addr:old'").first()).toBeNull();
    expect(await db.prepare("SELECT phone FROM otps WHERE phone = '13900009999'").first()).toBeNull();
    expect(await db.prepare("SELECT family_id FROM revoked_families WHERE family_id = 'f-old'").first()).toBeNull();
    expect(await db.prepare("SELECT COUNT(*) AS n FROM counters WHERE key = 'rate:addr:203.0.113.7'").first()).toEqual({
      n: 1,
    });
  });
});

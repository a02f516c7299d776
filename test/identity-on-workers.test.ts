import { decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollNode, initDistrictCa, type Issuer } from '../deploy/enroll.js';
import { seedDocuments } from '../deploy/seed/index.js';
import { hubConfigFromEnv } from '../hub/hub-config.js';
import { startHub, type RunningHub } from '../hub/start-hub.js';
import { startIdentityWorker, type RunningIdentityWorker } from '../identity/testing/start-identity-worker.js';
import { startSmsGateway } from '../identity/testing/sms-gateway.js';
import { startNode, type RunningNode } from '../node/start-node.js';
import { JWKS_DOC_ID, levelOfPath } from '../sync/index.js';
import { client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

// The identity service on Workers (issue 8): the Worker runs in miniflare with a local D1, the hub
// is pointed at it (HUB_IDENTITY_URL) and publishes its JWKS, and real nodes verify its tokens
// offline and check its password verifiers with their own scrypt.
const CENTER = 'dongcheng';
const A = 'dongcheng/jingshan/huangchenggen';
const RELAY = 'relay-secret-shared-by-hub-and-worker-0123';
const ADMIN = { account: 'admin', name: '区管理员', password: 'district-admin-pass' };
const RESIDENT = { name: '赵敏', idNumber: '11010519491231002X', phone: '13800138001', password: 'resident-pass-1' };
const silent = pino({ level: 'silent' });

const dir = tempDir('hallnet-workers-');
let worker: RunningIdentityWorker;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
let ca: Issuer;
let hub: RunningHub | undefined;
const nodes = new Map<string, RunningNode>();
const nodeDir = (org: string) => join(dir.path, 'nodes', org.replaceAll('/', '_'));
const hubConfig = () => ({
  ...hubConfigFromEnv({
    HUB_DISTRICT: CENTER,
    HUB_IDENTITY_URL: worker.url,
    HUB_IDENTITY_RELAY_SECRET: RELAY,
    HUB_TRUSTED_PROXIES: 'loopback',
  }),
  dataDir: join(dir.path, 'hub'),
  port: hubPort,
  logLevel: 'silent' as const,
});
let hubPort = 0;
const url = (org: string) => nodes.get(org)!.url;
const workerJwks = async () => (await (await fetch(`${worker.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
const nodeKids = (org: string) => nodes.get(org)!.services.reference.jwks?.keys.map((k) => k.kid) ?? [];

async function startOne(org: string): Promise<RunningNode> {
  const node = await startNode(
    {
      dataDir: nodeDir(org),
      host: '127.0.0.1',
      port: 0,
      org,
      level: levelOfPath(org)!,
      yellowHours: 24,
      seed: false,
      hubUrl: hub!.url,
      logLevel: 'silent',
    },
    { logger: silent },
  );
  nodes.set(org, node);
  return node;
}

beforeAll(async () => {
  sms = await startSmsGateway();
  worker = await startIdentityWorker({ relaySecret: RELAY, bootstrapAdmin: ADMIN, smsGatewayUrl: sms.url });
  ca = initDistrictCa(join(dir.path, 'hub'), CENTER, '东城区 CA');
  for (const org of [CENTER, A]) enrollNode(nodeDir(org), org, org, ca);
  hub = await startHub(hubConfig(), { rootPem: ca.chainPem[0]!, logger: silent, seedDocs: seedDocuments() });
  hubPort = Number(new URL(hub.url).port);
  for (const org of [CENTER, A]) await startOne(org);
  const kids = (await workerJwks()).keys.map((k) => k.kid);
  for (const org of [CENTER, A])
    await eventually(() => nodeKids(org).join() === kids.join(), 20_000, `the Worker's keys at ${org}`);
}, 60_000);

afterAll(async () => {
  for (const node of nodes.values()) await node.close();
  await hub?.close();
  await worker?.close();
  await sms?.close();
  dir.remove();
});

describe('identity on Cloudflare Workers, federated with a district', () => {
  it("publishes the Worker's JWKS as the replicated document, and answers it at the hub", async () => {
    const jwks = await workerJwks();
    const doc = (await hub!.store.get(JWKS_DOC_ID)) as unknown as { issuer: string; keys: { kid: string }[] };
    expect(doc).toMatchObject({
      issuer: 'hallnet-identity',
      keys: jwks.keys.map((k) => expect.objectContaining({ kid: k.kid, x: k.x, y: k.y })),
    });
    expect(await (await fetch(`${hub!.url}/.well-known/jwks.json`)).json()).toEqual(jwks);
    // The hub's /identity/* is the Worker's.
    expect(await client(hub!.url).get('/identity/openapi.json')).toMatchObject({
      status: 200,
      body: { info: { title: 'hallnet identity (dongcheng)' } },
    });
  });

  it("signs a resident up (the code to his phone through the Worker's SMS gateway) and in at one hall through the hub and the Worker; the token verifies offline at another node", async () => {
    expect((await client(url(CENTER)).post('/identity/residents/code', { phone: RESIDENT.phone })).status).toBe(202);
    const signUp = await client(url(CENTER)).post('/identity/residents', {
      ...RESIDENT,
      code: sms.lastCode(RESIDENT.phone),
    });
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(201);
    expect(
      await worker.db.prepare('SELECT name FROM accounts WHERE id_number = ?').bind(RESIDENT.idNumber).first(),
    ).toEqual({ name: RESIDENT.name });
    const login = await client(url(CENTER)).post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.phone,
      password: RESIDENT.password,
    });
    expect(login.status).toBe(200);
    const token: string = login.body.accessToken;
    expect((await workerJwks()).keys.map((k) => k.kid)).toContain(decodeProtectedHeader(token).kid);
    expect(decodeJwt(token)).toMatchObject({
      iss: 'hallnet-identity',
      kind: 'resident',
      idNumber: RESIDENT.idNumber,
      idv: false,
    });
    expect((await client(url(A), token).get('/api/my/cases')).status).toBe(200);
    expect((await client(url(A), `${token.slice(0, -4)}AAAA`).get('/api/my/cases')).status).toBe(401);
  });

  it('relays the address the hub saw, so residents behind one hall are not rate-limited as one', async () => {
    // The test's requests come from loopback, trusted as the hub's proxy above; an unvouched relay header is not believed.
    const res = await fetch(`${hub!.url}/identity/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '198.51.100.23',
        'x-hallnet-client-address': '203.0.113.66',
      },
      body: JSON.stringify({ kind: 'resident', login: RESIDENT.phone, password: 'not-the-password' }),
    });
    expect(res.status).toBe(401);
    const keys = (
      await worker.db.prepare("SELECT key FROM counters WHERE key LIKE 'rate:addr:%'").all<{ key: string }>()
    ).results.map((r) => r.key);
    expect(keys).toContain('rate:addr:198.51.100.23');
    expect(keys).not.toContain('rate:addr:203.0.113.66');
  });

  it("lets a clerk made at the Worker log in at his own node with the hub stopped: the node's scrypt checks the Worker's verifier", async () => {
    const admin = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: ADMIN.account,
      password: ADMIN.password,
    });
    expect(admin.status, JSON.stringify(admin.body)).toBe(200);
    const made = await client(url(CENTER), admin.body.accessToken).post('/identity/staff', {
      account: 'clerk-hcg',
      name: '刘窗口',
      org: A,
      roles: ['clerk'],
      password: 'clerk-hcg-pass',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // The node pulls its own staff's verifiers at start, through the hub, which vouches for it to the Worker.
    await nodes.get(A)!.close();
    await startOne(A);
    await eventually(
      async () =>
        (await client(url(A)).post('/api/auth/staff-login', { account: 'clerk-hcg', password: 'clerk-hcg-pass' }))
          .status === 200,
      15_000,
      'verifier pulled',
    );
    expect(
      (await fetch(`${worker.url}/identity/node-staff?org=${A}`, { headers: { 'x-hallnet-node-org': A } })).status,
    ).toBe(401);

    await hub!.close();
    hub = undefined;
    const offline = await client(url(A)).post('/api/auth/staff-login', {
      account: 'clerk-hcg',
      password: 'clerk-hcg-pass',
    });
    expect(offline.status).toBe(200);
    expect(
      (await client(url(A)).post('/api/auth/staff-login', { account: 'clerk-hcg', password: 'clerk-hcg-pasS' })).status,
    ).toBe(401);
    hub = await startHub(hubConfig(), { rootPem: ca.chainPem[0]!, logger: silent });
  });

  it('publishes a key rotated through the hub at once; tokens signed with the new key verify at the nodes', async () => {
    const admin = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: ADMIN.account,
      password: ADMIN.password,
    });
    const rotated = await client(url(CENTER), admin.body.accessToken).post('/identity/keys/rotate');
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    // Well inside the hub's one-minute poll: the relayed rotation itself made it publish.
    await eventually(() => nodeKids(A).includes(rotated.body.kid), 10_000, 'the new key at the community');
    const login = await client(url(CENTER)).post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.idNumber,
      password: RESIDENT.password,
    });
    expect(decodeProtectedHeader(login.body.accessToken).kid).toBe(rotated.body.kid);
    expect((await client(url(A), login.body.accessToken).get('/api/my/cases')).status).toBe(200);
  });

  it('lets a clerk confirm a resident at a window through the hub; the next token carries idv', async () => {
    const clerk = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: 'clerk-hcg',
      password: 'clerk-hcg-pass',
    });
    const verified = await client(url(A), clerk.body.accessToken).post('/identity/residents/verify', {
      idNumber: RESIDENT.idNumber,
      name: RESIDENT.name,
      phone: RESIDENT.phone,
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.verification).toMatchObject({ by: 'staff:clerk-hcg', org: A });
    const login = await client(url(CENTER)).post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.phone,
      password: RESIDENT.password,
    });
    expect(decodeJwt(login.body.accessToken).idv).toBe(true);
  });

  it('manages staff through the hub against the Worker: disabled at once there, withdrawn at his node with its next pull, reset by a code to his phone', async () => {
    const admin = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: ADMIN.account,
      password: ADMIN.password,
    });
    const center = client(url(CENTER), admin.body.accessToken);
    const listed = await center.get(`/api/staff?org=${A}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.items.map((i: { account: string }) => i.account)).toContain('clerk-hcg');
    expect((await center.post('/api/staff/clerk-hcg/changes', { kind: 'phone', phone: '13912349999' })).status).toBe(
      200,
    );
    expect((await center.post('/api/staff/clerk-hcg/changes', { kind: 'disable' })).status).toBe(200);
    const refused = await client(url(A)).post('/identity/login', {
      kind: 'staff',
      login: 'clerk-hcg',
      password: 'clerk-hcg-pass',
    });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ERR_ACCOUNT_DISABLED']);
    await nodes.get(A)!.services.staffPull!.once();
    expect(
      (await client(url(A)).post('/api/auth/staff-login', { account: 'clerk-hcg', password: 'clerk-hcg-pass' })).status,
    ).toBe(401);

    expect((await center.post('/api/staff/clerk-hcg/changes', { kind: 'enable' })).status).toBe(200);
    expect((await center.post('/api/staff/clerk-hcg/changes', { kind: 'reset-password' })).status).toBe(200);
    const set = await client(url(A)).post('/identity/staff/password', {
      account: 'clerk-hcg',
      code: sms.lastCode('13912349999'),
      password: 'clerk-hcg-new-pass',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(
      (
        await client(url(A)).post('/identity/login', {
          kind: 'staff',
          login: 'clerk-hcg',
          password: 'clerk-hcg-new-pass',
        })
      ).status,
    ).toBe(200);
    const trail = (await center.get(`/api/staff?org=${A}`)).body.items.find(
      (i: { account: string }) => i.account === 'clerk-hcg',
    ).history;
    expect(trail.map((h: { change: string }) => h.change)).toEqual([
      'phone',
      'disable',
      'enable',
      'reset-password',
      'password-set',
    ]);
  });
});

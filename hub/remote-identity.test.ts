import { Hono } from 'hono';
import type { JSONWebKeySet } from 'jose';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallnetError } from '../sync/index.js';
import { startRemoteIdentity, type RemoteIdentityOptions } from './remote-identity.js';

const KEY = { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43), kid: 'k1', alg: 'ES256', use: 'sig' };
const SECRET = 'relay-secret-0123456789-0123456789-abc';

describe('startRemoteIdentity', () => {
  let server: Server;
  let base: string;
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  let jwks: unknown = { keys: [KEY] };
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url!, headers: req.headers });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(req.url === '/.well-known/jwks.json' ? jwks : { ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const published: JSONWebKeySet[] = [];
  const start = (over: Partial<RemoteIdentityOptions> = {}) => {
    const remote = startRemoteIdentity({
      url: base,
      relaySecret: SECRET,
      clientAddress: () => '198.51.100.7',
      authorizeNode: async (c) => {
        if (c.req.header('authorization') !== 'Bearer node-token')
          throw new HallnetError('ERR_UNAUTHENTICATED', 'a node token is required');
        return 'dongcheng/jingshan';
      },
      publishJwks: async (j) => void published.push(j),
      logger: pino({ level: 'silent' }),
      ...over,
    });
    const app = new Hono();
    app.all('*', (c) => remote.fetch(c));
    return { remote, app };
  };

  it('publishes a public ES256 key set, and never one with a private part or another kind of key', async () => {
    const { remote } = start();
    await remote.refreshJwks();
    expect(published.at(-1)).toEqual({ keys: [KEY] });
    for (const bad of [{ keys: [{ ...KEY, d: 'secret' }] }, { keys: [{ ...KEY, kty: 'RSA' }] }, { keys: [] }, []]) {
      jwks = bad;
      await expect(remote.refreshJwks()).rejects.toThrow(/public ES256/);
    }
    jwks = { keys: [KEY] };
    expect(published).toHaveLength(1);
    remote.stop();
  });

  it("relays with the secret and the hub's view of the client, dropping relay headers the caller forged", async () => {
    const { remote, app } = start();
    await app.request('/identity/login', {
      method: 'POST',
      body: '{}',
      headers: {
        'x-hallnet-relay-secret': 'forged',
        'x-hallnet-node-org': 'dongcheng',
        'x-hallnet-client-address': '203.0.113.1',
      },
    });
    expect(seen.at(-1)!.headers).toMatchObject({
      'x-hallnet-relay-secret': SECRET,
      'x-hallnet-client-address': '198.51.100.7',
    });
    expect(seen.at(-1)!.headers).not.toHaveProperty('x-hallnet-node-org');
    remote.stop();
  });

  it('vouches for a node on /identity/node-staff only after its own check, without passing its token on', async () => {
    const { remote, app } = start();
    const refused = await app.request('/identity/node-staff?org=dongcheng/jingshan');
    expect(refused.status).toBe(401);
    expect(seen.at(-1)!.path).not.toMatch(/node-staff/);
    expect(
      (
        await app.request('/identity/node-staff?org=dongcheng/jingshan', {
          headers: { authorization: 'Bearer node-token' },
        })
      ).status,
    ).toBe(200);
    expect(seen.at(-1)!.headers).toMatchObject({ 'x-hallnet-node-org': 'dongcheng/jingshan' });
    expect(seen.at(-1)!.headers).not.toHaveProperty('authorization');
    remote.stop();
  });

  it('answers 503 when the identity service is out of reach, and refuses to send the secret over plain HTTP', async () => {
    const { remote, app } = start({ url: 'http://127.0.0.1:9' });
    const res = await app.request('/identity/login', { method: 'POST', body: '{}' });
    expect({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code }).toEqual({
      status: 503,
      code: 'ERR_HUB_UNREACHABLE',
    });
    remote.stop();
    expect(() => start({ url: 'http://identity.example.gov.cn' })).toThrow(/https/);
  });
});

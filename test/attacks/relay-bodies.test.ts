import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDistrictCa } from '../../deploy/enroll.js';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { hubConfigFromEnv, startHub, type RunningHub } from '../../hub/index.js';
import { tempDir } from '../support/temp-dir.js';

// 一次登录 through any hall: a node relays /identity/* to the hub, and a hub to an identity service
// running elsewhere, each reading the body whole before sending it on. Anyone may call them, so an
// anonymous caller streaming hundreds of megabytes made a hall buffer all of it (800 MB took a
// demo's memory from 250 MB to 1.8 GB). Each relay holds the body to the identity service's own
// limit and answers a larger one 413, naming the body, before reading further.
const dir = tempDir('hallnet-relay-bodies-');
let district: RunningDistrict;
/** A hub whose identity service runs elsewhere (as on Workers): here a plain server that counts the bytes relayed to it. */
let remoteHub: RunningHub;
let identityServer: Server;
let relayedBytes = 0;

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: 'dongcheng' }] });
  const jwk = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  identityServer = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => {
      relayedBytes += chunk.length;
    });
    req.on('end', () => {
      const jwks = req.url === '/.well-known/jwks.json';
      res.writeHead(jwks ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks ? { keys: [jwk] } : { error: { code: 'ERR_LOGIN_FAILED' } }));
    });
  });
  await new Promise<void>((r) => identityServer.listen(0, '127.0.0.1', r));
  remoteHub = await startHub(
    {
      ...hubConfigFromEnv({
        HUB_INSTANCE: 'remote',
        HUB_IDENTITY_URL: `http://127.0.0.1:${(identityServer.address() as AddressInfo).port}`,
      }),
      dataDir: join(dir.path, 'remote-hub'),
      port: 0,
    },
    {
      rootPem: initDistrictCa(join(dir.path, 'remote-ca'), 'dongcheng', '东城区 CA').chainPem[0]!,
      logger: pino({ level: 'silent' }),
    },
  );
}, 120_000);

afterAll(async () => {
  await remoteHub?.close();
  await new Promise((r) => identityServer?.close(r));
  await district?.close();
  dir.remove();
});

/** Spaces streamed in chunks with no content-length, without end: only a server that stops reading answers. */
function endless(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 5));
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
  });
}

async function post(url: string, body: BodyInit) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duplex: 'half',
    signal: AbortSignal.timeout(10_000),
  } as RequestInit);
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code?: string; issues?: { field: string }[] } },
  };
}

describe('a relayed identity request with a body far beyond any login', () => {
  for (const where of ['hall', 'hub', 'hub relaying to a remote identity service'] as const) {
    const base = () =>
      where === 'hall' ? district.nodes.get('dongcheng')!.url : where === 'hub' ? district.hubUrl : remoteHub.url;
    it(`at the ${where}: 413 naming the body, endless or declared`, async () => {
      for (const body of [endless(), new Uint8Array(4 * 1024 * 1024).fill(0x20)]) {
        const res = await post(`${base()}/identity/login`, body);
        expect(res.status).toBe(413);
        expect(res.body.error?.code).toBe('ERR_BODY_TOO_LARGE');
        expect(res.body.error?.issues?.[0]?.field).toBe('body');
      }
      // A login of the usual size still goes through to the identity service.
      const login = await post(
        `${base()}/identity/login`,
        JSON.stringify({ kind: 'staff', login: 'nobody', password: 'not-the-password' }),
      );
      expect(login.status).toBe(401);
    }, 30_000);
  }

  it('the remote identity service receives none of the oversized bodies, only the login of the usual size', () => {
    expect(relayedBytes).toBeGreaterThan(0);
    expect(relayedBytes).toBeLessThan(1024);
  });
});

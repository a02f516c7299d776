import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDistrictCa } from '../deploy/enroll.js';
import { hubConfigFromEnv, startHub, type RunningHub } from '../hub/index.js';
import { startExpressPouch } from '../hub/testing/express-pouch-server.js';
import { CleanupStack } from '../sync/index.js';
import { client } from './support/client.js';
import { tempDir } from './support/temp-dir.js';
import { DISTRICT_ADMIN } from './support/fixtures.js';

const SECRET = 'a-seal-secret-of-at-least-32-characters';
const dir = tempDir();
const stack = new CleanupStack();
let couchUrl: string;
let rootPem: string;

/** Starts a hub over the CouchDB-protocol server with `env`; its log lines are collected in `lines`. */
async function start(env: Record<string, string>, lines: string[] = []): Promise<RunningHub> {
  const config = {
    ...hubConfigFromEnv({ HUB_INSTANCE: 'seal', ...env }),
    dataDir: join(dir.path, 'hub'),
    port: 0,
    couchUrl,
  };
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return startHub(config, { rootPem, logger: pino({ level: 'warn' }, sink), staff: [DISTRICT_ADMIN] });
}

/** The signing-key records as the store server holds them. */
async function storedKeys(): Promise<Record<string, unknown>[]> {
  const res = await fetch(
    `${couchUrl}/hallnet_identity/_all_docs?include_docs=true&startkey="key:"&endkey="key:\ufff0"`,
  );
  const body = (await res.json()) as { rows: { doc: { v: Record<string, unknown> } }[] };
  return body.rows.map((r) => r.doc.v);
}

const login = async (url: string) =>
  client(url).post('/identity/login', {
    kind: 'staff',
    login: DISTRICT_ADMIN.account,
    password: DISTRICT_ADMIN.password,
  });

beforeAll(async () => {
  const couch = stack.add('store server', await startExpressPouch(join(dir.path, 'couch')), (c) => c.close());
  couchUrl = couch.url;
  rootPem = initDistrictCa(join(dir.path, 'ca'), 'dongcheng', '东城区 CA').chainPem[0]!;
}, 60_000);

afterAll(async () => {
  await stack.close();
  dir.remove();
});

describe('HUB_KEY_SEAL_SECRET: the identity signing keys sealed in the store', () => {
  it('keeps no private key readable in CouchDB, signs and verifies as before, and survives a restart', async () => {
    const hub = await start({ HUB_KEY_SEAL_SECRET: SECRET });
    const first = await login(hub.url);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const keys = await storedKeys();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect((k.privateJwk as { kty: string }).kty).toBe('sealed');
      expect(JSON.stringify(k.privateJwk)).not.toContain('"d"');
    }
    await hub.close();

    // Restarted with the same secret: the same key signs, and the earlier token still verifies.
    const again = await start({ HUB_KEY_SEAL_SECRET: SECRET });
    try {
      expect((await client(again.url, first.body.accessToken).get('/identity/me')).status).toBe(200);
      expect((await login(again.url)).status).toBe(200);
      expect((await storedKeys()).map((k) => k.kid)).toEqual(keys.map((k) => k.kid));
    } finally {
      await again.close();
    }
  });

  it('refuses to start with another secret, naming the key that does not unseal', async () => {
    await expect(start({ HUB_KEY_SEAL_SECRET: `${SECRET}-but-another` })).rejects.toMatchObject({
      code: 'ERR_CONFIG',
      message: expect.stringContaining('does not unseal'),
    });
  });

  it('refuses a short secret by name, and a start without the secret once the keys are sealed', async () => {
    expect(() => hubConfigFromEnv({ HUB_KEY_SEAL_SECRET: 'short' })).toThrow(/HUB_KEY_SEAL_SECRET/);
    expect(hubConfigFromEnv({ HUB_KEY_SEAL_SECRET: '' }).keySealSecret).toBeUndefined();
    await expect(start({})).rejects.toMatchObject({
      code: 'ERR_CONFIG',
      message: expect.stringContaining('set HUB_KEY_SEAL_SECRET'),
    });
  });

  it('warns when a hub over CouchDB keeps its keys unsealed', async () => {
    const other = stack.add('second store server', await startExpressPouch(join(dir.path, 'couch-2')), (c) =>
      c.close(),
    );
    couchUrl = other.url;
    const lines: string[] = [];
    const hub = await start({}, lines);
    try {
      expect(lines.join('')).toContain('HUB_KEY_SEAL_SECRET is unset');
      expect((await storedKeys()).map((k) => (k.privateJwk as { kty: string }).kty)).toEqual(['EC']);
    } finally {
      await hub.close();
    }
  });
});

import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDistrictCa } from '../deploy/enroll.js';
import { DUTY_LEASE_ID, type DutyLeaseDoc } from '../hub/duty-lease.js';
import { createCouchStore, hubConfigFromEnv, startHub, type RunningHub } from '../hub/index.js';
import { startExpressPouch } from '../hub/testing/express-pouch-server.js';
import { CleanupStack, JWKS_DOC_ID, type JwksDoc } from '../sync/index.js';
import { client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';
import { DISTRICT_ADMIN } from './support/fixtures.js';

const dir = tempDir();
const stack = new CleanupStack();
const hubs = new Map<string, RunningHub>();
let start: (name: string) => Promise<RunningHub>;
let couchUrl: string;

beforeAll(async () => {
  // A lease long enough never to lapse on a loaded machine mid-test: a clean stop hands it over at once.
  const couch = stack.add('store server', await startExpressPouch(join(dir.path, 'couch')), (c) => c.close());
  couchUrl = couch.url;
  const ca = initDistrictCa(join(dir.path, 'ca'), 'dongcheng', '东城区 CA');
  start = async (name) => {
    const config = {
      ...hubConfigFromEnv({ HUB_INSTANCE: name, HUB_LEASE_SECONDS: '30' }),
      dataDir: join(dir.path, `hub-${name}`),
      port: 0,
      couchUrl: couch.url,
      logLevel: 'silent' as const,
    };
    const hub = await startHub(config, {
      rootPem: ca.chainPem[0]!,
      logger: pino({ level: 'silent' }),
      staff: [DISTRICT_ADMIN],
    });
    hubs.set(name, hub);
    return hub;
  };
  stack.add('hubs', hubs, async (running) => {
    for (const h of running.values()) await h.close();
  });
  await start('a');
  await start('b');
}, 60_000);

afterAll(async () => {
  await stack.close();
  dir.remove();
});

describe('two hub instances over one CouchDB store: one identity, one holder of the duties', () => {
  it('signs in at one instance and honours the login at the other: accounts, keys and sessions are shared', async () => {
    const [a, b] = [hubs.get('a')!, hubs.get('b')!];
    const login = await client(a.url).post('/identity/login', {
      kind: 'staff',
      login: DISTRICT_ADMIN.account,
      password: DISTRICT_ADMIN.password,
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const me = await client(b.url, login.body.accessToken).get('/identity/me');
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    const refreshed = await client(b.url).post('/identity/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    // Used once at b, the same refresh token at a is a reuse: the login ends everywhere.
    expect((await client(a.url).post('/identity/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
  });

  it('rotates keys only at the lease holder; the other answers 503 naming it, and takes over when the holder stops', async () => {
    // The test's own connection to the store: either hub is stopped below.
    const store = stack.add('test store client', await createCouchStore({ url: couchUrl }), (s) => s.close());
    const holder = ((await store.get(DUTY_LEASE_ID)) as DutyLeaseDoc).holder;
    const other = holder === 'a' ? 'b' : 'a';
    const token = async (name: string) =>
      (
        await client(hubs.get(name)!.url).post('/identity/login', {
          kind: 'staff',
          login: DISTRICT_ADMIN.account,
          password: DISTRICT_ADMIN.password,
        })
      ).body.accessToken as string;

    const refused = await client(hubs.get(other)!.url, await token(other)).post('/identity/keys/rotate', {});
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('ERR_DUTY_ELSEWHERE');
    expect(refused.body.error.message.en).toContain(`(${holder})`);

    const before = (await store.get(JWKS_DOC_ID)) as JwksDoc;
    const rotated = await client(hubs.get(holder)!.url, await token(holder)).post('/identity/keys/rotate', {});
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    // The holder published the new key for the nodes (just after answering): one new JWKS revision, the new key first.
    const after = await eventually(
      async () => {
        const doc = (await store.get(JWKS_DOC_ID)) as JwksDoc;
        return doc.keys[0]!.kid === rotated.body.kid ? doc : undefined;
      },
      10_000,
      'the rotated key published',
    );
    expect(Number.parseInt(after._rev as string, 10)).toBe(Number.parseInt(before._rev as string, 10) + 1);

    await hubs.get(holder)!.close(); // a clean stop gives the lease up at once
    hubs.delete(holder);
    await eventually(
      async () => ((await store.get(DUTY_LEASE_ID)) as DutyLeaseDoc).holder === other,
      10_000,
      `instance ${other} holding the lease`,
    );
    const now = await client(hubs.get(other)!.url, await token(other)).post('/identity/keys/rotate', {});
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    await eventually(
      async () => ((await store.get(JWKS_DOC_ID)) as JwksDoc).keys[0]!.kid === now.body.kid,
      10_000,
      'the key rotated at the new holder published',
    );
  }, 60_000);
});

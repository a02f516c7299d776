import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { orgDoc } from '../testing/hub-fixtures.js';
import { serveGateway, type ServedGateway } from '../testing/serve-gateway.js';
import { testNode } from '../testing/test-signers.js';
import type { Authenticate } from './gateway-types.js';

const authenticate: Authenticate = async (c) => {
  const org = c.req.header('x-test-node');
  if (!org) throw new HallnetError('ERR_TOKEN_INVALID');
  return testNode(org);
};

/** The hub's server timeouts, shortened: the request must be whole within half a second. */
const timeouts = { headersMs: 300, requestMs: 500, keepAliveMs: 200, checkEveryMs: 50 };

// A client that stalls is cut off; a node holding a live `_changes` feed is not.
describe('gateway server timeouts', () => {
  let dir: string;
  let store: Store;
  let hub: ServedGateway;
  const get = (path: string) => fetch(`${hub.url}${path}`, { headers: { 'x-test-node': 'dongcheng' } });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-slow-clients-'));
    store = await createPouchStore({ dir });
    await store.bulkDocs([orgDoc('dongcheng')] as StoredDoc[], { newEdits: true });
    hub = await serveGateway({ store, authenticate, longpollMaxMs: 1_500, timeouts });
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('closes a PUT whose announced body never comes, within the request timeout', async () => {
    const { port } = new URL(hub.url);
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(
          'PUT /db/x?new_edits=false HTTP/1.1\r\nHost: hub\r\nx-test-node: dongcheng\r\n' +
            'Content-Type: application/json\r\nContent-Length: 65536\r\n\r\n{"_id":"x",',
        ),
      );
      socket.on('error', reject);
      socket.on('close', () => resolve());
      socket.resume();
    });
    expect(Date.now() - started).toBeLessThan(timeouts.requestMs + 1_000);
  });

  it('holds a longpoll and a continuous _changes feed past the request timeout', async () => {
    const started = Date.now();
    const [longpoll, continuous] = await Promise.all([
      get('/db/_changes?feed=longpoll&since=now&timeout=1200').then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { results: unknown[] },
      })),
      get('/db/_changes?feed=continuous&since=now&timeout=1200&heartbeat=200').then(async (r) => ({
        status: r.status,
        body: await r.text(),
      })),
    ]);
    expect(Date.now() - started).toBeGreaterThan(timeouts.requestMs * 2);
    expect(longpoll).toEqual({ status: 200, body: expect.objectContaining({ results: [] }) });
    expect(continuous.status).toBe(200);
    expect(JSON.parse(continuous.body.trim().split('\n').at(-1) ?? '')).toMatchObject({ last_seq: expect.any(String) });
  });
});

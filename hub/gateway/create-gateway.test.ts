import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { caseDoc, orgDoc, testReference } from '../testing/hub-fixtures.js';
import { serveGateway, type ServedGateway } from '../testing/serve-gateway.js';
import { testNode } from '../testing/test-signers.js';
import { createGateway } from './create-gateway.js';
import type { Authenticate } from './gateway-types.js';
import { hubWritePolicy } from './hub-write-policy.js';

/** `x-test-node: <org>` is a node at that org, in these tests only. */
const authenticate: Authenticate = async (c) => {
  const org = c.req.header('x-test-node');
  if (!org) throw new HallnetError('ERR_TOKEN_INVALID');
  return testNode(org, c.req.header('x-test-node-id') ?? org);
};

describe('createGateway', () => {
  let dir: string;
  let store: Store;
  let hub: ServedGateway;
  const get = (path: string, org: string, headers: Record<string, string> = {}) =>
    fetch(`${hub.url}${path}`, { headers: { 'x-test-node': org, ...headers } });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-gateway-'));
    store = await createPouchStore({ dir });
    await store.bulkDocs([orgDoc('dongcheng'), caseDoc({ scope: 'dongcheng/jingshan' })] as StoredDoc[], {
      newEdits: true,
    });
    hub = await serveGateway({ store, authenticate, longpollMaxMs: 1500, maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the server and database info every batch asks for, per node', async () => {
    const a = (await (await get('/', 'dongcheng/jingshan', { 'x-test-node-id': 'a' })).json()) as { uuid: string };
    const a2 = (await (await get('/', 'dongcheng/jingshan', { 'x-test-node-id': 'a' })).json()) as { uuid: string };
    const b = (await (await get('/', 'dongcheng/jingshan', { 'x-test-node-id': 'b' })).json()) as { uuid: string };
    expect(a.uuid).toBe(a2.uuid);
    expect(a.uuid).not.toBe(b.uuid);
    for (const path of ['/db', '/db/']) {
      const info = (await (await get(path, 'dongcheng/jingshan')).json()) as { doc_count: number; update_seq: string };
      expect(info.doc_count).toBe(2);
    }
    expect(((await (await get('/db/', 'dongcheng/donghuamen')).json()) as { doc_count: number }).doc_count).toBe(1);
  });

  it('holds a longpoll with heartbeats until something visible arrives', async () => {
    // Made first: signing a case's events takes a key, and the longpoll gives up after 1.5 s (the
    // writes below land ~350 ms in; the margin is for a loaded machine).
    const other = caseDoc({ scope: 'dongcheng/donghuamen' });
    const mine = caseDoc({ scope: 'dongcheng/jingshan/huangchenggen' });
    const pending = get('/db/_changes?feed=longpoll&heartbeat=100&since=now&style=all_docs', 'dongcheng/jingshan').then(
      (r) => r.text(),
    );
    await new Promise((r) => setTimeout(r, 250));
    await store.bulkDocs([other] as StoredDoc[], { newEdits: true }); // not for this node
    await new Promise((r) => setTimeout(r, 100));
    await store.bulkDocs([mine] as StoredDoc[], { newEdits: true });
    const text = await pending;
    expect(text).toMatch(/^\n\n+\{/);
    const body = JSON.parse(text) as { results: { id: string }[] };
    expect(body.results.map((r) => r.id)).toEqual([mine._id]);
  });

  it('ends an idle longpoll with an empty page at the head', async () => {
    const started = Date.now();
    const res = await get('/db/_changes?feed=longpoll&since=now', 'dongcheng/jingshan');
    const body = (await res.json()) as { results: unknown[]; last_seq: string };
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(body.results).toEqual([]);
    expect(body.last_seq).toMatch(/^\d+\./);
  });

  it('answers an oversized body 413 instead of reading it', async () => {
    const res = await fetch(`${hub.url}/db/_bulk_docs`, {
      method: 'POST',
      headers: { 'x-test-node': 'dongcheng', 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [{ _id: 'x', pad: 'x'.repeat(100_000) }], new_edits: false }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('answers an oversized chunked body 413 too, counting it as it streams', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${hub.url}/db/_bulk_docs`, {
      method: 'POST',
      headers: { 'x-test-node': 'dongcheng', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('maps an invalid token to a final 401', async () => {
    const res = await fetch(`${hub.url}/db/_changes`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('answers a retryable 503 while the index is still being built', async () => {
    let release!: (err: Error) => void;
    const stuck = { ...store, changes: () => new Promise<never>((_, reject) => (release = reject)) } as Store;
    const app = createGateway({
      store: stuck,
      authenticate,
      mayWrite: hubWritePolicy({ reference: testReference }),
      readyWaitMs: 50,
    });
    for (const path of ['/db', '/db/', '/db/_changes']) {
      const res = await app.request(path, { headers: { 'x-test-node': 'dongcheng' } });
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
      expect(await res.json()).toMatchObject({ error: 'service_unavailable' });
    }
    release(new Error('store gone'));
    await app.close();
  });
});

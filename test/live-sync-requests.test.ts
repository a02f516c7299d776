import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authenticate } from '../hub/gateway/gateway-types.js';
import { testNode } from '../hub/testing/test-signers.js';
import { HallnetError } from '../sync/index.js';
import { HubSync } from '../sync/node-only.js';
import { eventually } from './support/eventually.js';
import { gatewayOnLine, type GatewayOnLine } from './support/gateway-on-line.js';
import { tempDir } from './support/temp-dir.js';

const HCG = 'dongcheng/jingshan/huangchenggen';
const dir = tempDir('hallnet-live-requests-');
let at: GatewayOnLine;
let sync: HubSync;
/** Every request the gateway answered, as `METHOD /path`. */
const seen: string[] = [];
/** While set, the gateway holds the push's `_bulk_docs` until it settles. */
let pushHeld: Promise<void> | undefined;

const authenticate: Authenticate = async (c) => {
  if (c.req.header('authorization') !== 'Bearer hcg-token') throw new HallnetError('ERR_UNAUTHENTICATED');
  return testNode(HCG);
};

const atReplica = async (id: string) => (await at.replica.get(id).catch(() => undefined)) !== undefined;
const writtenAtHub = (id: string) =>
  at.store.bulkDocs([{ _id: id, type: 'notice', parties: [HCG], at: new Date().toISOString() }], { newEdits: true });
/** The requests seen while `run` ran, once the replication has settled after it. */
async function requestsDuring(run: () => Promise<void>): Promise<string[]> {
  const from = seen.length;
  await run();
  await eventually(() => sync.status().state === 'idle', 10_000, 'idle');
  await new Promise((r) => setTimeout(r, 500)); // the push's checkpoint after the pull's
  return seen.slice(from).filter((r) => !r.startsWith('GET /db/_changes'));
}

beforeAll(async () => {
  at = await gatewayOnLine(dir.path, 'hcg', {
    authenticate,
    mayWrite: async () => ({ ok: true }),
    longpollMaxMs: 5_000,
    observe: async (c, next) => {
      seen.push(`${c.req.method} ${c.req.path}`);
      if (c.req.method === 'POST' && c.req.path === '/db/_bulk_docs') await pushHeld;
      await next();
    },
  });
  sync = new HubSync(at.replica, { remoteUrl: `${at.line.url}/db`, token: async () => 'hcg-token' });
  await writtenAtHub('notice:first');
  await sync.start();
  await eventually(() => atReplica('notice:first'), 15_000, 'the first notice at the replica');
  // Each checkpoint is read from the hub the first time it is written in a session.
  await requestsDuring(async () => {
    await writtenAtHub('notice:warm');
    await eventually(() => atReplica('notice:warm'), 15_000, 'the warm-up notice at the replica');
  });
});

afterAll(async () => {
  await sync?.stop();
  await at?.close();
  dir.remove();
});

describe('a live replica woken by a change', () => {
  it('fetches the change, and writes its checkpoints a few seconds later without reading them back', async () => {
    const from = seen.length;
    const made = await requestsDuring(async () => {
      await writtenAtHub('notice:second');
      await eventually(() => atReplica('notice:second'), 15_000, 'the second notice at the replica');
    });
    // No database info, no checkpoint read back, no offer of the revision just pulled.
    expect(made.filter((r) => !r.startsWith('PUT /db/_local/'))).toEqual(['POST /db/_bulk_get']);
    // The pull's and the push's checkpoints, deferred within the session, reach the hub.
    await eventually(
      () => new Set(seen.slice(from).filter((r) => r.startsWith('PUT /db/_local/'))).size === 2,
      15_000,
      'both checkpoints written at the hub',
    );
  }, 30_000);

  it("still offers the hub the node's own writes", async () => {
    const made = await requestsDuring(async () => {
      await at.replica.put({ _id: 'notice:local', type: 'notice', parties: [HCG] });
      await eventually(async () => (await at.store.get('notice:local')) !== undefined, 15_000, 'the write at the hub');
    });
    expect(made).toContain('POST /db/_revs_diff');
    expect(made).toContain('POST /db/_bulk_docs');
  }, 30_000);

  it("reads the hub's checkpoints again after the line failed", async () => {
    const made = await requestsDuring(async () => {
      at.line.set('reset');
      await eventually(() => sync.status().connected === false, 15_000, 'offline');
      at.line.set('pass');
      await writtenAtHub('notice:after');
      await eventually(() => atReplica('notice:after'), 30_000, 'the notice at the replica after the outage');
    });
    expect(made.some((r) => r.startsWith('GET /db/_local/'))).toBe(true);
  }, 60_000);
});

describe("the link's state", () => {
  it('reads idle only once both directions are current: a pull that caught up does not hide a push under way', async () => {
    let release = () => {};
    pushHeld = new Promise((r) => (release = r));
    const states = new Set<string>();
    try {
      await at.replica.put({ _id: 'notice:held', type: 'notice', parties: [HCG] });
      await eventually(() => seen.at(-1) === 'POST /db/_bulk_docs', 15_000, 'the push at the hub');
      await writtenAtHub('notice:meanwhile');
      await eventually(() => atReplica('notice:meanwhile'), 15_000, 'the pull caught up meanwhile');
      // The pull has paused, current; the push is still waiting for its answer.
      const watch = setInterval(() => states.add(sync.status().state), 10);
      await new Promise((r) => setTimeout(r, 1_000));
      clearInterval(watch);
      expect([...states]).toEqual(['syncing']);
    } finally {
      release();
      pushHeld = undefined;
    }
    await eventually(() => sync.status().state === 'idle', 15_000, 'idle once the push got through');
    expect(await at.store.get('notice:held')).toBeDefined();
  }, 60_000);
});

describe('a replica restarted after a pull', () => {
  it('offers the hub nothing it pulled before: the push moved its mark past them without writing', async () => {
    const pulled = Array.from({ length: 12 }, (_, i) => `notice:pulled-${i}`);
    await requestsDuring(async () => {
      for (const id of pulled) await writtenAtHub(id);
      await eventually(async () => (await Promise.all(pulled.map(atReplica))).every(Boolean), 15_000, 'pulled');
    });
    await sync.stop();
    const made = await requestsDuring(async () => {
      sync = new HubSync(at.replica, { remoteUrl: `${at.line.url}/db`, token: async () => 'hcg-token', batchSize: 4 });
      await sync.start();
    });
    // Marked only when a push wrote something, the restarted push would offer all twelve again.
    expect(made.filter((r) => r === 'POST /db/_revs_diff')).toEqual([]);
  }, 60_000);
});

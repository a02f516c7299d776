import type PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authenticate, WritePolicy } from '../hub/gateway/gateway-types.js';
import { testNode } from '../hub/testing/test-signers.js';
import { HallnetError } from '../sync/index.js';
import { HubSync } from '../sync/node-only.js';
import { eventually } from './support/eventually.js';
import { gatewayOnLine, type GatewayOnLine } from './support/gateway-on-line.js';
import { tempDir } from './support/temp-dir.js';

const HCG = 'dongcheng/jingshan/huangchenggen';
const dir = tempDir('hallnet-push-order-');
let at: GatewayOnLine;
let replica: PouchDB.Database;
let sync: HubSync;

const authenticate: Authenticate = async (c) => {
  if (c.req.header('authorization') !== 'Bearer huangchenggen-token') throw new HallnetError('ERR_UNAUTHENTICATED');
  return testNode(HCG);
};
// The write rule's one point here: a document that names a case (a notice, a material, a rating)
// is taken only for a case the hub holds, or one earlier in the same batch.
const mayWrite: WritePolicy = async (_writer, doc, batch) => {
  if (typeof doc.caseId !== 'string') return { ok: true };
  const kase = await batch.heldOf(`case:${doc.caseId}`);
  return kase?.leaves.some((l) => !l.deleted) ? { ok: true } : { ok: false, reason: `no case ${doc.caseId} is held` };
};

/** A case accepted with its notice written at once, and the case changed again later: its last change comes after its notice. */
async function caseWithNotice(n: number): Promise<void> {
  const kase = await replica.put({ _id: `case:${n}`, type: 'case', events: ['accepted'] });
  await replica.put({ _id: `notice:${n}`, type: 'notice', caseId: String(n) });
  await replica.put({ _id: `case:${n}`, _rev: kase.rev, type: 'case', events: ['accepted', 'completed'] });
}

const atHub = async (id: string) => (await at.store.get(id)) !== undefined;

beforeAll(async () => {
  at = await gatewayOnLine(dir.path, 'hcg', { authenticate, mayWrite, longpollMaxMs: 2_000 });
  replica = at.replica;
});

afterAll(async () => {
  await sync?.stop();
  await at?.close();
  dir.remove();
});

describe('the push after time offline', () => {
  it('sends the cases first at start, so a notice written before its case last changed is not refused', async () => {
    for (let n = 0; n < 5; n++) await caseWithNotice(n);
    // One document a request: without cases first, notice:0 would reach the hub before case:0.
    sync = new HubSync(replica, {
      remoteUrl: `${at.line.url}/db`,
      token: async () => 'huangchenggen-token',
      batchSize: 1,
    });
    await sync.start();
    await eventually(
      async () => (await Promise.all([0, 1, 2, 3, 4].map((n) => atHub(`notice:${n}`)))).every(Boolean),
      30_000,
      'the notices at the hub',
    );
    expect(sync.status().refused).toEqual([]);
  }, 60_000);

  it('keeps the moment it went offline through every retry, and sends the cases first again when the hub is back', async () => {
    at.line.set('reset');
    // Between retries the state reads offline, during one syncing: what holds throughout is the lost connection.
    await eventually(() => sync.status().connected === false, 15_000, 'offline');
    const since = sync.status().offlineSince;
    expect(since).toBeDefined();
    for (let n = 10; n < 15; n++) await caseWithNotice(n);
    // Several retries later (at most a second apart) the node is still offline since the same moment.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(sync.status()).toMatchObject({ connected: false, offlineSince: since });
    expect(await atHub('case:10')).toBe(false);

    at.line.set('pass');
    await eventually(
      async () => (await Promise.all([10, 11, 12, 13, 14].map((n) => atHub(`notice:${n}`)))).every(Boolean),
      30_000,
      'the notices at the hub',
    );
    expect(sync.status().refused).toEqual([]);
    expect(sync.status()).toMatchObject({ connected: true, offlineSince: undefined });
    const held = await at.store.get('case:14');
    expect((held as unknown as { events: string[] }).events).toEqual(['accepted', 'completed']);
  }, 60_000);
});

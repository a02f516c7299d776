import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { readKeyFile } from '../identity/index.js';
import { readNodeChain } from '../node/auth/node-chain.js';
import { hubTokenSource } from '../node/hub-token.js';
import { nodeKeyPath } from '../node/index.js';
import { HubSync } from '../sync/node-only.js';
import { eventually } from './support/eventually.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
/** Short, so the test waits seconds, not the production half minute. */
const IDLE_MS = 1_500;

const dir = tempDir();
let district: RunningDistrict;
let link: FaultProxy;
let replica: PouchDB.Database;
let sync: HubSync;

beforeAll(async () => {
  // The district enrolls the street and starts the hub; the street's own hall is not needed.
  district = await startDistrict({ dir: dir.path, nodes: [{ org: STREET }] });
  await district.stopNode(STREET);
  link = await startFaultProxy(Number(new URL(district.hubUrl).port));
  const nodeDir = district.nodeDir(STREET);
  replica = new PouchDB(join(dir.path, 'replica'));
  sync = new HubSync(replica, {
    remoteUrl: `${link.url}/db`,
    token: hubTokenSource(readKeyFile(nodeKeyPath(nodeDir)), readNodeChain(nodeDir)!, () => new Date()),
    idleTimeoutMs: IDLE_MS,
  });
  await sync.start();
  await eventually(
    async () => sync.status().state === 'idle' && (await replica.info()).doc_count > 40,
    30_000,
    'the catalogue at the replica',
  );
}, 90_000);

afterAll(async () => {
  await sync?.stop();
  await replica?.close();
  await link?.close();
  await district?.close();
  dir.remove();
});

describe('a line that dies without a reset', () => {
  it('does not stall the live pull: the replica gets what the hub holds once a new connection gets through', async () => {
    // Let the pull settle into its longpoll, then let every open connection go silent for good:
    // no answer, no reset, as when the line to a station dies. New connections get through.
    await new Promise((r) => setTimeout(r, 500));
    link.abandon();
    await district.hub!.store.bulkDocs(
      [{ _id: 'note:after-the-line-died', type: 'note', parties: [STREET], text: '线路恢复后应到达' }],
      { newEdits: true },
    );

    // Before the idle limit, PouchDB waited for the silent longpoll forever while the status said idle.
    await eventually(
      async () => (await replica.get('note:after-the-line-died').catch(() => undefined)) !== undefined,
      20_000,
      "the hub's new document at the replica",
    );
    expect(((await replica.get('note:after-the-line-died')) as { text?: string }).text).toBe('线路恢复后应到达');
    await eventually(() => sync.status().state === 'idle', 10_000, 'the sync idle again');
  }, 60_000);
});

describe('a hub that goes silent (frozen, or its line dead without a reset)', () => {
  it('shows offline within seconds while the request is still given the idle limit, and connected again once it answers', async () => {
    // The production silence limit, and an idle limit well past it: the status must not wait for the abort.
    const second = new PouchDB(join(dir.path, 'replica-2'));
    const watched = new HubSync(second, {
      remoteUrl: `${link.url}/db`,
      token: hubTokenSource(
        readKeyFile(nodeKeyPath(district.nodeDir(STREET))),
        readNodeChain(district.nodeDir(STREET))!,
        () => new Date(),
      ),
      idleTimeoutMs: 20_000,
    });
    try {
      await watched.start();
      await eventually(() => watched.status().state === 'idle', 30_000, 'the second replica idle');
      // A quiet but live link: the longpoll's heartbeats keep it connected past the silence limit.
      await new Promise((r) => setTimeout(r, 8_000));
      expect(watched.status().connected).toBe(true);

      link.abandon();
      const cut = Date.now();
      await eventually(() => !watched.status().connected, 10_000, 'the status offline');
      const ms = Date.now() - cut;
      expect(ms).toBeLessThan(9_000);
      expect(watched.status().state).toBe('offline');
      expect(watched.status().lastError).toMatch(/the hub has sent nothing for \d+ s/);
      // The abandoned longpoll is given up at the idle limit; a new connection gets through.
      await eventually(() => watched.status().connected, 30_000, 'connected again');
    } finally {
      await watched.stop();
      await second.close();
    }
  }, 90_000);
});

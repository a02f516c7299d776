import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGrants } from '../deploy/default-grants.js';
import { enrollNode, initDistrictCa, readDistrictCa } from '../deploy/enroll.js';
import { publishSeed } from '../hub/publish-seed.js';
import { createPouchStore } from '../hub/store/pouch-store.js';
import type { StoredDoc } from '../hub/store/store.js';
import { readKeyFile } from '../identity/index.js';
import { nodeKeyPath } from '../node/auth/node-key.js';
import { NodeSigner } from '../sync/node-only.js';
import { hallnetServer, stopServer } from './support/cli-process.js';
import { eventually } from './support/eventually.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { caseDoc, signed } from './support/fixtures.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
/** The hub's store: enough that its start (store, followers, index) takes a while; one case in four is the hall's. */
const DOCS = Number(process.env.HALLNET_TEST_RECONNECT_DOCS ?? 16_000);
const OWN = DOCS / 4;
/**
 * The longest a hall may stand still while its line is up and the hub serves, for a loaded 2-core
 * machine: above one idle limit (30 s: a request whose answer never starts is still waited for that
 * long; one such stall of 31.8 s was seen, its cause not found), below the minute-long stalls this
 * test is here to catch. Before, `_bulk_get` answers the line cut short with a clean close (the
 * hub closes each connection after its answer; the proxy then ends the hall's side, dropping what
 * it had not passed on yet) held the first sync 30 s at every retry of the batch: it did not finish
 * in 240 s. With answers of a known length given up 5 s after they stop: 16.5 s at load 14.
 */
const STILL_MS = 45_000;

const dir = tempDir();
const hubEnv = { HUB_DATA: join(dir.path, 'hub'), HUB_PORT: '0', HUB_SEED: '0', LOG_LEVEL: 'info' };
const nodeEnv = {
  HALLNET_DATA: join(dir.path, 'street'),
  HALLNET_ORG: STREET,
  HALLNET_LEVEL: '5',
  HALLNET_PORT: '0',
  HALLNET_SEED: '0',
  LOG_LEVEL: 'info',
};
let hub: ChildProcess | undefined;
let hubUrl = '';
let node: ChildProcess | undefined;
let nodeUrl = '';
let link: FaultProxy;

/** Starts `hallnet hub` and points the hall's line at it. */
async function startHub(): Promise<void> {
  const started = await hallnetServer(['hub'], hubEnv);
  hub = started.child;
  hubUrl = started.url;
  link.retarget(Number(new URL(hubUrl).port));
}

async function kill9(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** The hall's own word on its link to the hub, from its metrics (loopback may read them). */
async function connected(): Promise<boolean> {
  const text = await (await fetch(`${nodeUrl}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
  return /^hallnet_node_sync_connected(\{[^}]*\})? 1$/m.test(text);
}

/** Cases the hall holds: all of them pulled from the hub. */
async function held(): Promise<number> {
  const res = await fetch(`${nodeUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
  return ((await res.json()) as { cases: number }).cases;
}

/** Waits until the hub serves its nodes: its visibility index loaded (`indexed` in its health). */
async function hubServing(): Promise<void> {
  await eventually(
    async () => ((await (await fetch(`${hubUrl}/healthz`)).json()) as { indexed?: boolean }).indexed,
    60_000,
    'the hub serving',
  );
}

/** From the hub serving again to the hall's link up again. */
async function timeToReconnect(): Promise<number> {
  await hubServing();
  const back = Date.now();
  await eventually(connected, 90_000, 'the hall connected again');
  return Date.now() - back;
}

beforeAll(async () => {
  const ca = initDistrictCa(hubEnv.HUB_DATA, 'dongcheng', '东城区 CA');
  enrollNode(nodeEnv.HALLNET_DATA, STREET, '景山街道办事处', ca);
  // The hall's cases signed with its own key, as if accepted there before its replica was lost: it trusts and counts them.
  const signer = new NodeSigner(readKeyFile(nodeKeyPath(nodeEnv.HALLNET_DATA)));
  const store = await createPouchStore({ dir: join(hubEnv.HUB_DATA, 'store') });
  await publishSeed(store, await defaultGrants([STREET], readDistrictCa(hubEnv.HUB_DATA), () => undefined, new Date()));
  for (let i = 0; i < DOCS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, DOCS - i) }, (_, j) =>
      (i + j) % 4 === 0 ? signed(signer, caseDoc(STREET)) : caseDoc('dongcheng/other'),
    );
    await store.bulkDocs(batch as unknown as StoredDoc[], { newEdits: true });
  }
  await store.close();
  link = await startFaultProxy(1);
  await startHub();
  const started = await hallnetServer(['node'], { ...nodeEnv, HALLNET_HUB_URL: link.url });
  node = started.child;
  nodeUrl = started.url;
}, 300_000);

afterAll(async () => {
  hub?.kill('SIGCONT');
  await kill9(hub);
  if (node) await stopServer(node);
  await link?.close();
  dir.remove();
});

describe(`a hall's link to a hub over ${DOCS} documents (real processes)`, () => {
  it('keeps its first sync moving through cut lines and a hub killed and restarted: never still for long while the hub serves', async () => {
    // How long the hall held the same number of cases while its line was up and the hub served.
    let still = 0;
    let count = 0;
    let since = Date.now();
    let down = false;
    const watch = setInterval(async () => {
      try {
        const now = await held();
        if (now !== count || down) {
          count = now;
          since = Date.now();
        } else still = Math.max(still, Date.now() - since);
      } catch {
        // the hall busy past the probe's wait: the next probe looks again
      }
    }, 250);
    const outage = async (cut: () => Promise<void>, heal: () => Promise<void>) => {
      const before = count;
      await eventually(() => count > before, 60_000, 'the first sync moving');
      down = true;
      await cut();
      await eventually(async () => !(await connected()), 30_000, 'the hall sees the line down');
      await new Promise((r) => setTimeout(r, 1000));
      await heal();
      since = Date.now();
      down = false;
    };
    try {
      // Whatever is under way when the line drops (a _changes, a _bulk_get, a checkpoint) is cut.
      const cutLine = async () => link.set('reset');
      const healLine = async () => link.set('pass');
      await outage(cutLine, healLine);
      await outage(cutLine, healLine);
      await outage(
        () => kill9(hub),
        async () => {
          await startHub();
          await hubServing();
        },
      );
      await outage(cutLine, healLine);
      await eventually(() => count >= OWN, 240_000, `all ${OWN} of the hall's cases`);
    } finally {
      clearInterval(watch);
    }
    console.log(`first sync of ${OWN} cases: longest still while the hub served ${still} ms`);
    expect(still).toBeLessThan(STILL_MS);
  }, 400_000);

  it('is back within seconds of the hub serving again after kill -9 and restart', async () => {
    await kill9(hub);
    await eventually(async () => !(await connected()), 30_000, 'the hall sees the hub gone');
    await startHub();
    const ms = await timeToReconnect();
    console.log(`reconnect after kill -9: ${ms} ms`);
    expect(ms).toBeLessThan(STILL_MS);
  }, 300_000);

  it('is back within seconds of a frozen hub (SIGSTOP past the idle limit) resuming', async () => {
    hub!.kill('SIGSTOP');
    try {
      await eventually(async () => !(await connected()), 60_000, 'the hall sees the hub frozen');
    } finally {
      hub!.kill('SIGCONT');
    }
    const ms = await timeToReconnect();
    console.log(`reconnect after SIGSTOP: ${ms} ms`);
    expect(ms).toBeLessThan(STILL_MS);
  }, 300_000);
});

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { enrollNode, initDistrictCa } from '../../deploy/enroll.js';
import { hubConfigFromEnv, type HubConfig } from '../../hub/hub-config.js';
import { startHub } from '../../hub/start-hub.js';
import { createPouchStore } from '../../hub/store/pouch-store.js';
import type { Store } from '../../hub/store/store.js';
import { VisibilityIndex } from '../../hub/visibility/visibility-index.js';
import { readKeyFile, signNodeToken } from '../../identity/index.js';
import { readNodeChain } from '../../node/auth/node-chain.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { openNodeDb } from '../../node/store/open-node-db.js';
import { HUB_AUDIENCE, renderNotice, type CaseDoc, type NoticeDoc } from '../../sync/index.js';
import { NodeSigner, SYNC_BATCH_SIZE } from '../../sync/node-only.js';
import { caseDoc, signed } from '../support/fixtures.js';
import { fill, firstPull } from './first-pull.js';
import { startHubProcess, type HubProcess } from './hub-process.js';
import { startTestNode } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { report } from './report.js';

const STREET = 'dongcheng/jingshan';
/** Named by one case in ten: it sees a tenth of the district (100,000 of a million). */
const DEPARTMENT = 'dongcheng/dept/civil';
/** Holds one case in 200 (5,000 of a million). */
const COMMUNITY = `${STREET}/c1`;
/** A district's worth of parties: 17 streets with 4 communities each, the streets themselves, one department. */
const ORGS = Array.from({ length: 17 }, (_, s) => [
  `dongcheng/s${s}`,
  ...Array.from({ length: 4 }, (_, c) => `dongcheng/s${s}/c${c}`),
]).flat();

/** The parties of the i-th case of the district: one in 200 is the community's, one in ten also names the department, as forwarded cases do. */
function districtParties(i: number): string[] {
  const org = i % 200 === 7 ? COMMUNITY : (ORGS[i % ORGS.length] as string);
  return i % 10 === 0 ? [org, DEPARTMENT] : [org];
}

/** Heap and array buffers in use after a full collection. */
function measuredMemory(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * A visibility index built from the whole feed of `store`: seconds, CPU seconds, and bytes it holds per
 * document — the memory in use with the index less the memory once it is let go, so what the
 * store itself caches is not counted.
 */
async function buildIndex(
  store: Store,
  docs: number,
): Promise<{ seconds: number; cpuSeconds: number; bytesPerDoc: number }> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  let index: VisibilityIndex | undefined = new VisibilityIndex(store, { batchSize: 1000 });
  await index.ready;
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const withIndex = measuredMemory();
  await index.close();
  index = undefined;
  const bytesPerDoc = (withIndex - measuredMemory()) / docs;
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, bytesPerDoc };
}

/** Waits until the running hub's index has applied every change in its store (its own lag gauge, read from loopback). */
async function indexCurrent(url: string): Promise<void> {
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    if (/^hallnet_hub_index_lag_changes(\{[^}]*\})? 0$/m.test(text)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Starts the hub on its data and times it until a node's `_changes` is answered. */
async function restart(config: HubConfig, rootPem: string, nodeDir: string): Promise<number> {
  const authorization = `Bearer ${await signNodeToken({ keyPem: readKeyFile(nodeKeyPath(nodeDir)), chainPem: readNodeChain(nodeDir)!, audience: HUB_AUDIENCE })}`;
  const t = performance.now();
  const hub = await startHub(config, { rootPem, logger: pino({ level: 'silent' }) });
  try {
    await hub.ready;
    const res = await fetch(`${hub.url}/db/_changes?limit=1`, { headers: { authorization } });
    if (res.status !== 200) throw new Error(`_changes answered ${res.status}`);
    await res.arrayBuffer();
    return (performance.now() - t) / 1000;
  } finally {
    await hub.close();
  }
}

/** Waits until the running hub's case lookup holds every case (`/healthz`): until then it reads the store beside whatever is timed. */
async function casesCurrent(url: string): Promise<void> {
  while (!((await (await fetch(`${url}/healthz`)).json()) as { casesIndexed?: boolean }).casesIndexed)
    await new Promise((r) => setTimeout(r, 500));
}

/** The pull batch tried beside the node's own (sync/hub-sync.ts) on the department's first sync. */
const OTHER_BATCH = SYNC_BATCH_SIZE === 100 ? 500 : 100;

/** One first pull of `org` (enrolled in `dir/name`) into a fresh replica, checked and timed with the CPU of the replica's process and the hub's. */
async function timedPull(
  hub: HubProcess,
  dir: string,
  name: string,
  expected: number,
  batchSize: number,
  replica: string,
): Promise<{ seconds: number; cpuSeconds: number; hubCpuSeconds: number; docs: number }> {
  const cpu = process.cpuUsage();
  const hubCpu = hub.cpuSeconds();
  const pulled = await firstPull(hub.url, join(dir, name), replica, batchSize);
  const used = process.cpuUsage(cpu);
  const hubCpuSeconds = hub.cpuSeconds() - hubCpu;
  rmSync(join(dir, name, replica), { recursive: true, force: true });
  // Its cases, and the few public documents the hub writes itself (its keys, revocations).
  if (pulled.docs < expected || pulled.docs > expected + 20)
    throw new Error(`the ${name} pulled ${pulled.docs}, expected ${expected} and the hub's own`);
  return { ...pulled, cpuSeconds: (used.user + used.system) / 1e6, hubCpuSeconds };
}

/**
 * First syncs from a settled hub on its data (its index and case lookup current), the hub in a
 * process of its own as on its own machine: the department (a tenth of the store) with the node's
 * pull batch and with the other, in the order A B B A so the machine's drift falls on both alike;
 * then the community (one case in 200). The CPU of each side is reported apart.
 */
async function firstSyncs(hubDir: string, dir: string, docs: number): Promise<void> {
  const hub = await startHubProcess(hubDir);
  try {
    await indexCurrent(hub.url);
    await casesCurrent(hub.url);
    type Run = Awaited<ReturnType<typeof timedPull>>;
    const runs = new Map<number, Run[]>();
    for (const [i, batch] of [SYNC_BATCH_SIZE, OTHER_BATCH, OTHER_BATCH, SYNC_BATCH_SIZE].entries()) {
      const run = await timedPull(hub, dir, 'department', docs / 10, batch, `replica-${i}`);
      runs.set(batch, [...(runs.get(batch) ?? []), run]);
    }
    const mean = (batch: number, key: 'seconds' | 'cpuSeconds' | 'hubCpuSeconds') =>
      runs.get(batch)!.reduce((sum, r) => sum + r[key], 0) / runs.get(batch)!.length;
    const pulled = runs.get(SYNC_BATCH_SIZE)![0]!.docs;
    report(`hub.first_sync_department_${pulled}_of_${docs}`, mean(SYNC_BATCH_SIZE, 'seconds'), 's');
    report('hub.first_sync_department_rate', pulled / mean(SYNC_BATCH_SIZE, 'seconds'), 'docs/s');
    report('hub.first_sync_department_replica_cpu', mean(SYNC_BATCH_SIZE, 'cpuSeconds'), 's');
    report('hub.first_sync_department_hub_cpu', mean(SYNC_BATCH_SIZE, 'hubCpuSeconds'), 's');
    report(`hub.first_sync_department_batch_${OTHER_BATCH}`, mean(OTHER_BATCH, 'seconds'), 's');
    report(
      `hub.first_sync_department_batch_${OTHER_BATCH}_cpu`,
      mean(OTHER_BATCH, 'cpuSeconds') + mean(OTHER_BATCH, 'hubCpuSeconds'),
      's',
    );
    report(
      `hub.first_sync_department_batch_${OTHER_BATCH}_vs_${SYNC_BATCH_SIZE}`,
      mean(OTHER_BATCH, 'seconds') / mean(SYNC_BATCH_SIZE, 'seconds'),
      'ratio',
    );
    const community = await timedPull(hub, dir, 'community', docs / 200, SYNC_BATCH_SIZE, 'replica');
    report(`hub.first_sync_community_${community.docs}_of_${docs}`, community.seconds, 's');
    report('hub.first_sync_community_rate', community.docs / community.seconds, 'docs/s');
    report('hub.first_sync_community_cpu', community.cpuSeconds + community.hubCpuSeconds, 's');
  } finally {
    await hub.stop();
  }
}

/**
 * Hub restarts (issue 19): from start to a node's `_changes` answered, with the index snapshot
 * the last run left and with a full rebuild from the store's feed, beside the index build time
 * and its memory per document; the same at a city's 1,000,000 documents
 * (`HALLNET_BENCH_MILLION=0` skips that part); then, on the largest store, the first sync of a
 * node that sees a tenth of it and of a community that sees one case in 200; and a node's own
 * start over 100,000 cases.
 */
export async function runHubBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-hub-');
  try {
    const hubDir = join(dir.path, 'hub');
    const ca = initDistrictCa(hubDir, 'dongcheng', '东城区 CA');
    const rootPem = ca.chainPem[0]!;
    const nodeDir = join(dir.path, 'street');
    enrollNode(nodeDir, STREET, '景山街道', ca);
    enrollNode(join(dir.path, 'department'), DEPARTMENT, '民政局', ca);
    enrollNode(join(dir.path, 'community'), COMMUNITY, '景山一社区', ca);
    const config: HubConfig = { ...hubConfigFromEnv({}), dataDir: hubDir, port: 0, seed: false, logLevel: 'silent' };
    const snapshot = join(hubDir, 'visibility-index.snapshot');

    let largest = 0;
    for (const [docs, add] of [
      [100_000, 100_000],
      [1_000_000, 900_000],
    ] as const) {
      if (docs > 100_000 && process.env.HALLNET_BENCH_MILLION === '0') break;
      largest = docs;
      const hub = await startHub(config, { rootPem, logger: pino({ level: 'silent' }) });
      await hub.ready;
      await fill(hub.store, (i) => districtParties(docs - add + i), add);
      await hub.close();
      // Its index was still following the fill (900,000 changes followed live take several times
      // a build from the whole store): its snapshot goes, and the first restart below builds.
      rmSync(snapshot, { force: true });
      // The build alone, on the store with no hub running beside it.
      const store = await createPouchStore({ dir: join(hubDir, 'store') });
      const built = await buildIndex(store, docs);
      await store.close();
      report(`hub.index_build_${docs}`, built.seconds, 's');
      // CPU of every thread of the process (LevelDB's too): what the build costs whatever else runs.
      report(`hub.index_build_cpu_${docs}`, built.cpuSeconds, 's');
      report(`hub.index_bytes_per_doc_${docs}`, built.bytesPerDoc, 'bytes');
      // Its index current once it serves: the snapshot it writes at close holds every document.
      const full = await restart(config, rootPem, nodeDir);
      const withSnapshot = await restart(config, rootPem, nodeDir);
      report(`hub.restart_with_snapshot_${docs}`, withSnapshot, 's');
      report(`hub.restart_full_rebuild_${docs}`, full, 's');
      report(`hub.restart_full_vs_snapshot_${docs}`, full / withSnapshot, 'ratio');
    }
    await firstSyncs(hubDir, dir.path, largest);
  } finally {
    dir.remove();
  }
  await nodeStart();
}

/** A node's start (reference data, case index, queue, supervision) over 100,000 cases, beside reading them raw. */
async function nodeStart(): Promise<void> {
  const dir = tempDir('hallnet-bench-node-start-');
  try {
    const nodeDir = join(dir.path, 'node');
    await (await startTestNode(nodeDir, STREET)).close(); // seeds the catalogue, makes the node's key
    const signer = new NodeSigner(readKeyFile(nodeKeyPath(nodeDir)));
    const db = openNodeDb(nodeDir);
    for (let i = 0; i < 100_000; i += 500)
      await db.bulkDocs(Array.from({ length: 500 }, () => acceptedAndNoticed(signer)).flat());
    let t = performance.now();
    const raw = await db.allDocs({ include_docs: true, startkey: 'case:', endkey: 'case:\uffff' });
    const rawSeconds = (performance.now() - t) / 1000;
    await db.close();
    t = performance.now();
    const node = await startTestNode(nodeDir, STREET);
    const seconds = (performance.now() - t) / 1000;
    const held = node.services.index.size;
    await node.close();
    if (held < 100_000 || raw.rows.length < 100_000) throw new Error(`node holds ${held} of ${raw.rows.length} cases`);
    report('node.start_100000_cases', seconds, 's');
    report('node.read_100000_cases_raw', rawSeconds, 's');
    report('node.start_vs_raw_read', seconds / rawSeconds, 'ratio');
  } finally {
    dir.remove();
  }
}

/**
 * A case this hall accepted, and the acceptance SMS it sent then, as a hall that has run holds
 * them. Signed by the node's own key, as its own documents are: the case index leaves out a case
 * whose events do not verify. Without its notice, the outbox's first pass after the start would
 * write, send and mark one SMS per case (two synced writes each, hours for 100,000), and the
 * node's close waits for that pass.
 */
function acceptedAndNoticed(signer: NodeSigner): [CaseDoc, NoticeDoc] {
  const c = signed(signer, caseDoc(STREET));
  const caseId = c._id.replace(/^case:/, '');
  const params = { queryCode: c.queryCode, matter: c.matterName, promisedBy: '2026-11-09' };
  const notice: NoticeDoc = signer.prove({
    _id: `notice:${caseId}:${c.events[0]!.id}`,
    type: 'notice',
    scope: STREET,
    parties: [STREET],
    author: { id: `node:${STREET}`, name: '短信通知', org: STREET },
    at: c.at,
    caseId,
    template: 'case.accepted',
    phone: c.applicant.phone,
    params,
    text: renderNotice('case.accepted', params, '景山街道')!,
    status: 'sent',
    attempts: 1,
    nextAttemptAt: c.at,
    sentAt: c.at,
  });
  return [c, notice];
}

import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { enrollNode, initDistrictCa, nodeAsIssuer } from '../../deploy/enroll.js';
import { seedDocuments } from '../../deploy/seed/index.js';
import { seedOrganisations } from '../../deploy/seed/organisations.js';
import { hubConfigFromEnv, startHub } from '../../hub/index.js';
import { readNodeChain } from '../../node/index.js';
import { levelOfPath, parentOf } from '../../sync/index.js';
import { tempDir } from '../support/temp-dir.js';
import type { FromReplicas, ReplicaSpec, ToReplicas } from './hall-replicas.js';
import { percentile, report } from './report.js';

const HALLS = Number(process.env.HALLNET_BENCH_HALLS ?? 200);
const PROCESSES = 2;
const STREETS = 6;
const CHANGES = Number(process.env.HALLNET_BENCH_HALL_CHANGES ?? 40);
const GAP_MS = 250;

/** Waits until the hub's process has spent under a tenth of a core for two seconds running (at most a minute). */
async function hubQuiet(): Promise<void> {
  const until = Date.now() + 60_000;
  for (let quiet = 0; quiet < 2 && Date.now() < until; ) {
    const c0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1000));
    const c = process.cpuUsage(c0);
    quiet = (c.user + c.system) / 1000 < 100 ? quiet + 1 : 0;
  }
}

/**
 * 200 live halls (issue 17): the district, six streets and two communities of each enrolled, 200
 * replicas of them (about ten halls per organisation) syncing live with one hub, held by two
 * processes beside the hub's. A queue summary (排队日报) written at a community's replica
 * is timed until it arrives at every replica of its street; the hub's CPU per change is its
 * process's CPU over the writes, less what the 200 idle live connections cost it over as long.
 */
export async function runHallsBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-halls-');
  const children: ChildProcess[] = [];
  const hubDir = join(dir.path, 'hub');
  const ca = initDistrictCa(hubDir, 'dongcheng', '东城区 CA');
  // Enrolling costs seconds of RSA each: the district, STREETS streets and two communities of each
  // are enrolled, and the 200 replicas are spread over them (several halls per organisation).
  const seed = seedOrganisations().map((o) => o.path);
  const communitiesOf = (street: string) => seed.filter((o) => parentOf(o) === street).slice(0, 2);
  const streets = seed.filter((o) => levelOfPath(o) === 5 && communitiesOf(o).length === 2).slice(0, STREETS);
  const communities = streets.flatMap(communitiesOf);
  const orgs = [seed.find((o) => levelOfPath(o) === 4)!, ...streets, ...communities];
  const nodeDir = (org: string) => join(dir.path, 'nodes', org.replaceAll('/', '_'));
  // Streets before their communities: a community's certificate is issued by its street.
  for (const org of orgs) {
    const street = parentOf(org);
    const streetChain = levelOfPath(org) === 6 && street ? readNodeChain(nodeDir(street)) : undefined;
    enrollNode(nodeDir(org), org, org, streetChain ? nodeAsIssuer(nodeDir(street!), streetChain) : ca);
  }
  const replicas: ReplicaSpec[] = Array.from({ length: HALLS }, (_, i) => orgs[i % orgs.length]!).map((org, i) => ({
    name: `hall-${i}`,
    org,
    nodeDir: nodeDir(org),
  }));

  const hub = await startHub(
    { ...hubConfigFromEnv({ HUB_DISTRICT: 'dongcheng' }), dataDir: hubDir, port: 0, logLevel: 'silent' as const },
    { rootPem: ca.chainPem[0]!, logger: pino({ level: 'silent' }), seedDocs: seedDocuments() },
  );
  try {
    await hub.ready;
    const listeners = new Set<(m: FromReplicas) => void>();
    const next = <T extends FromReplicas>(match: (m: FromReplicas) => m is T): Promise<T> =>
      new Promise((resolve) => {
        const l = (m: FromReplicas) => {
          if (!match(m)) return;
          listeners.delete(l);
          resolve(m);
        };
        listeners.add(l);
      });
    const arrivals = new Map<string, Map<string, number>>();
    const owner = new Map<string, ChildProcess>();
    const script = fileURLToPath(new URL('./hall-replicas.ts', import.meta.url));
    const t0 = performance.now();
    const readies: Promise<unknown>[] = [];
    for (let p = 0; p < PROCESSES; p++) {
      const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      child.on('message', (m: FromReplicas) => {
        if ('arrived' in m)
          (arrivals.get(m.arrived.id) ?? arrivals.set(m.arrived.id, new Map()).get(m.arrived.id)!).set(
            m.arrived.replica,
            m.arrived.at,
          );
        for (const l of [...listeners]) l(m);
      });
      const mine = replicas.filter((_, i) => i % PROCESSES === p);
      for (const r of mine) owner.set(r.name, child);
      readies.push(
        new Promise<void>((resolve, reject) => {
          child.once('exit', (code) => reject(new Error(`replica process exited (${code})`)));
          child.on('message', (m: FromReplicas) => 'ready' in m && resolve());
        }),
      );
      // Told what to hold once it listens: a message sent before would be lost.
      child.once('message', () =>
        child.send({
          start: { hubUrl: hub.url, dir: join(dir.path, 'replicas'), replicas: mine },
        } satisfies ToReplicas),
      );
    }
    await Promise.all(readies);
    report('halls.first_sync_all', (performance.now() - t0) / 1000, 's');

    // The replicas' pushes go on echoing the first sync's documents for a while after they all
    // report idle: the idle figure waits for that to end.
    await hubQuiet();
    const replicasCpu = async () => {
      const each = children.map(
        (child) =>
          new Promise<number>((resolve) => {
            const answer = (m: FromReplicas) => {
              if (!('cpuMs' in m)) return;
              child.off('message', answer);
              resolve(m.cpuMs);
            };
            child.on('message', answer);
            child.send({ cpu: true } satisfies ToReplicas);
          }),
      );
      return (await Promise.all(each)).reduce((a, b) => a + b, 0);
    };
    // What the hub spends on 200 idle live halls, over as long as the writes will take.
    const idleMs = CHANGES * GAP_MS;
    const replicasIdle0 = await replicasCpu();
    const idle0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, idleMs));
    const idle = process.cpuUsage(idle0);
    const replicasIdleMs = (await replicasCpu()) - replicasIdle0;
    const idleCpuMs = (idle.user + idle.system) / 1000;

    const latencies: number[] = [];
    const replicas0 = await replicasCpu();
    const busy0 = process.cpuUsage();
    const b0 = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const community = replicas.filter((r) => levelOfPath(r.org) === 6)[i % communities.length]!;
      const streets = replicas.filter((r) => r.org === parentOf(community.org)).map((r) => r.name);
      const written = next((m): m is Extract<FromReplicas, { written: unknown }> => 'written' in m);
      owner.get(community.name)!.send({ write: { replica: community.name, serial: i + 1 } } satisfies ToReplicas);
      const { written: w } = await written;
      pending.push(
        (async () => {
          const deadline = Date.now() + 30_000;
          while (streets.some((s) => !arrivals.get(w.id)?.has(s))) {
            if (Date.now() > deadline) throw new Error(`${w.id} did not reach ${streets.join(', ')}`);
            await new Promise((r) => setTimeout(r, 5));
          }
          for (const s of streets) latencies.push(arrivals.get(w.id)!.get(s)! - w.at);
        })(),
      );
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    await Promise.all(pending);
    const busy = process.cpuUsage(busy0);
    const replicasBusyMs = (await replicasCpu()) - replicas0;
    const busyMs = performance.now() - b0;
    const busyCpuMs = (busy.user + busy.system) / 1000;

    report('halls.live_replicas', replicas.length, 'halls');
    report('halls.community_to_street_p50', percentile(latencies, 50), 'ms');
    report('halls.community_to_street_p95', percentile(latencies, 95), 'ms');
    report('halls.hub_cpu_idle_per_second', idleCpuMs / (idleMs / 1000), 'ms/s');
    report('halls.hub_cpu_per_change', (busyCpuMs - idleCpuMs * (busyMs / idleMs)) / CHANGES, 'ms');
    // The halls' side of the same changes (every replica woken pulls, checkpoints and echoes): on
    // the bench's shared cores it competes with the hub for the latency above.
    report('halls.replicas_cpu_per_change', (replicasBusyMs - replicasIdleMs * (busyMs / idleMs)) / CHANGES, 'ms');
  } finally {
    for (const child of children) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ stop: true } satisfies ToReplicas);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      child.kill('SIGKILL');
    }
    await hub.close();
    dir.remove();
  }
}

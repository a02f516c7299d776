import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { defaultGrants } from '../../deploy/default-grants.js';
import { staffAdd } from '../../deploy/commands/staff-add.js';
import { enrollNode, initDistrictCa, nodeAsIssuer, readDistrictCa } from '../../deploy/enroll.js';
import { nodeConfigFromEnv } from '../../node/config.js';
import { publishSeed } from '../../hub/publish-seed.js';
import { createPouchStore } from '../../hub/store/pouch-store.js';
import { readNodeChain } from '../../node/auth/node-chain.js';
import { levelOfPath } from '../../sync/index.js';
import { hallnetEntry } from '../support/app-entry.js';
import { eventually } from '../support/eventually.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';

export const PASSWORD = 'chaos-clerk-password';
export const CENTER = 'dongcheng';
export const STREET = 'dongcheng/jingshan';
export const COMMUNITIES = ['dongcheng/jingshan/huangchenggen', 'dongcheng/jingshan/jixiang'];
const NAMES: Record<string, string> = {
  [CENTER]: '东城区政务服务中心',
  [STREET]: '景山街道办事处',
  [COMMUNITIES[0]!]: '皇城根社区服务站',
  [COMMUNITIES[1]!]: '吉祥社区服务站',
};

/** One hall: its process (while running), its link to the hub, and how to reach its API. */
export interface ChaosNode {
  readonly org: string;
  readonly env: Record<string, string>;
  readonly link: FaultProxy;
  url: string;
  child: ChildProcess | undefined;
  token: string | undefined;
}

/** A hub and four halls as real `hallnet` processes, each hall's line to the hub through its own proxy. */
export interface ChaosDistrict {
  readonly nodes: ChaosNode[];
  hubChild: ChildProcess | undefined;
  /** Processes that exited without the test killing them. */
  readonly crashes: string[];
  startHub(): Promise<void>;
  startNode(node: ChaosNode): Promise<void>;
  /** `kill -9`, as a power cut would. */
  kill(child: ChildProcess | undefined): Promise<void>;
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every process a chaos district started and still runs: for a test that ends before its district closed. */
export function killChaosProcesses(): void {
  for (const child of running) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
}

/**
 * Enrolls a district as the `hallnet` commands do (CA, signing requests, the street signing its
 * communities, clerks), gives it the district's usual grants (written into the hub's store before
 * it starts), and starts the hub and the halls as `hallnet hub` / `hallnet node` processes.
 */
export async function startChaosDistrict(dir: string): Promise<ChaosDistrict> {
  const hubEnv = { HUB_DATA: join(dir, 'hub'), HUB_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
  const ports = new Map<string, number>();
  for (const org of [CENTER, STREET, ...COMMUNITIES]) ports.set(org, await freePort());
  const envOf = (org: string) => ({
    HALLNET_DATA: join(dir, org.replaceAll('/', '_')),
    HALLNET_ORG: org,
    HALLNET_LEVEL: String(levelOfPath(org)),
    HALLNET_PORT: String(ports.get(org)),
    HALLNET_SEED: '0',
    HALLNET_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
  });
  // Enrolled with what the `hallnet` commands run (ca init, csr + ca sign or the street's sign,
  // cert install, staff add; test/cli-enrollment.test.ts runs the commands themselves): seventeen
  // command processes would take minutes on a loaded machine before the first fault.
  const orgs = [CENTER, STREET, ...COMMUNITIES];
  const ca = initDistrictCa(hubEnv.HUB_DATA, CENTER, '东城区 CA');
  const streetChain = enrollNode(envOf(STREET).HALLNET_DATA, STREET, NAMES[STREET] as string, ca);
  enrollNode(envOf(CENTER).HALLNET_DATA, CENTER, NAMES[CENTER] as string, ca);
  for (const org of COMMUNITIES)
    enrollNode(
      envOf(org).HALLNET_DATA,
      org,
      NAMES[org] as string,
      nodeAsIssuer(envOf(STREET).HALLNET_DATA, streetChain),
    );
  for (const org of orgs) {
    const config = nodeConfigFromEnv(envOf(org));
    await staffAdd(config, { account: 'clerk', name: '王窗口', roles: ['clerk', 'director'], org, password: PASSWORD });
  }
  const street = envOf(STREET).HALLNET_DATA;
  const grants = await defaultGrants(
    [CENTER, STREET, ...COMMUNITIES],
    readDistrictCa(hubEnv.HUB_DATA),
    (s) => (s === STREET ? nodeAsIssuer(street, readNodeChain(street)!) : undefined),
    new Date(),
  );
  const store = await createPouchStore({ dir: join(hubEnv.HUB_DATA, 'store') });
  await publishSeed(store, grants);
  await store.close();

  const hubPort = Number(hubEnv.HUB_PORT);
  const crashes: string[] = [];
  const killed = new WeakSet<ChildProcess>();
  const watch = (child: ChildProcess, what: string) =>
    child.once('exit', (code, signal) => killed.has(child) || crashes.push(`${what} exited ${code ?? signal}`));
  const district: ChaosDistrict = {
    nodes: [],
    hubChild: undefined,
    crashes,
    async startHub() {
      const child = await server(['hub'], hubEnv);
      watch(child, 'hub');
      district.hubChild = child;
    },
    async startNode(node) {
      const child = await server(['node'], { ...node.env, HALLNET_HUB_URL: node.link.url });
      watch(child, node.org);
      node.url = `http://127.0.0.1:${node.env.HALLNET_PORT}`;
      node.child = child;
    },
    async kill(child) {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      killed.add(child);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      for (const n of district.nodes) {
        if (n.child) killed.add(n.child);
        n.child?.kill('SIGTERM');
      }
      await Promise.all(
        district.nodes.map((n) => n.child && n.child.exitCode === null && new Promise((r) => n.child!.once('exit', r))),
      );
      if (district.hubChild) {
        killed.add(district.hubChild);
        district.hubChild.kill('SIGCONT');
        district.hubChild.kill('SIGTERM');
        if (district.hubChild.exitCode === null) await new Promise((r) => district.hubChild!.once('exit', r));
      }
      await Promise.all(district.nodes.map((n) => n.link.close()));
    },
  };
  for (const org of orgs) {
    district.nodes.push({
      org,
      env: envOf(org),
      link: await startFaultProxy(hubPort),
      url: '',
      child: undefined,
      token: undefined,
    });
  }
  await district.startHub();
  await Promise.all(district.nodes.map((n) => district.startNode(n)));
  // Each hall starts empty: the catalogue and its grants arrive from the hub.
  for (const n of district.nodes)
    await eventually(
      async () => ((await (await fetch(`${n.url}/healthz`)).json()) as { matters: number }).matters > 40,
      120_000,
      `catalogue at ${n.org}`,
    );
  return district;
}

/** A port free on the loopback now; each process keeps its own across restarts, so its address stays. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `hallnet …` as a server and resolves once its `/healthz` answers. Its logs are not read
 * (a busy hall writes a line per request), only the end of its stderr, kept for a crash report;
 * with `HALLNET_CHAOS_LOGS=<folder>` each process appends its log to `<folder>/<org or hub>.log`,
 * to see afterwards what the processes of a failed run said.
 */
async function server(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const logs = process.env.HALLNET_CHAOS_LOGS;
  if (logs) mkdirSync(logs, { recursive: true });
  const out = logs ? openSync(join(logs, `${(env.HALLNET_ORG ?? 'hub').replaceAll('/', '_')}.log`), 'a') : 'ignore';
  const child = spawn(process.execPath, hallnetEntry(args), {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') closeSync(out); // the child holds its own copy
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const port = env.HUB_PORT ?? env.HALLNET_PORT;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`hallnet ${args.join(' ')} exited ${code}: ${stderr}`))),
  );
  const up = eventually(
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200,
    120_000,
    `hallnet ${args.join(' ')} listening`,
  );
  await Promise.race([up, exited]);
  exited.catch(() => undefined);
  return child;
}

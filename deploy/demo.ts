import { createServer } from 'node:net';
import type { Logger } from 'pino';
import type { NewStaff } from '../identity/index.js';
import { HallnetError, type Actor, type StaffRole } from '../sync/index.js';
import { DEMO_RESIDENT, writeSampleCases, type SampleSummary } from './demo-cases.js';
import { startDistrict, type RunningDistrict, type StaffSeed } from './start-district.js';

/** One hall of the demo district and its clerk. */
interface DemoHall {
  org: string;
  account: string;
  name: string;
  roles: StaffRole[];
}

/** The demo district: the center, two streets with two communities each, one department's back office (streets before their communities: a street signs its communities' certificates). */
export const DEMO_HALLS: readonly DemoHall[] = [
  { org: 'dongcheng', account: 'clerk.center', name: '王晓红', roles: ['clerk', 'director'] },
  { org: 'dongcheng/jingshan', account: 'clerk.jingshan', name: '李建国', roles: ['clerk', 'director'] },
  { org: 'dongcheng/jingshan/huangchenggen', account: 'clerk.hcg', name: '刘芳', roles: ['clerk', 'director'] },
  { org: 'dongcheng/jingshan/jixiang', account: 'clerk.jixiang', name: '赵磊', roles: ['clerk', 'director'] },
  { org: 'dongcheng/donghuamen', account: 'clerk.donghuamen', name: '陈静', roles: ['clerk', 'director'] },
  { org: 'dongcheng/donghuamen/nanchizi', account: 'clerk.nanchizi', name: '孙伟', roles: ['clerk', 'director'] },
  { org: 'dongcheng/donghuamen/duofuxiang', account: 'clerk.duofuxiang', name: '周敏', roles: ['clerk', 'director'] },
  { org: 'dongcheng/dept/disabled', account: 'office.disabled', name: '吴海燕', roles: ['back-office', 'director'] },
];

/** Every demo clerk's password (a demo on one machine; real halls use `hallnet staff add`). */
export const DEMO_PASSWORD = 'hallnet-demo';
/** The district admin, an account of the identity service. */
export const DEMO_ADMIN: NewStaff = { account: 'admin', name: '区政务服务管理员', org: 'dongcheng', roles: ['admin'], password: 'hallnet-admin' };
/** A district clerk account who checks residents' ID cards in person (实名核验). */
export const DEMO_COUNTER: NewStaff = { account: 'counter', name: '实名核验员', org: 'dongcheng', roles: ['clerk'], password: 'hallnet-counter' };

export interface DemoOptions {
  dir: string;
  host?: string;
  /** The hub's port; 0 picks a free one (tests). */
  hubPort: number;
  /** The first node's port, the others follow in DEMO_HALLS order; 0 picks free ones. */
  firstNodePort: number;
  logger?: Logger;
}

export interface RunningDemo {
  district: RunningDistrict;
  samples: SampleSummary[];
  close(): Promise<void>;
}

/** Fails with the port's number when something already listens there. */
async function ensureFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(new HallnetError('ERR_CONFIG', `port ${port} on ${host} is taken (${err.code}): stop whatever listens there (another \`npm start\`?) and try again`)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * Starts the whole demo district on this machine with startDistrict — hub (embedded store and
 * identity), enrolled and granted nodes — then the demo resident and the sample cases. Data in
 * `dir` is reused on the next start; accounts and samples are only added where missing.
 */
export async function startDemo(opts: DemoOptions): Promise<RunningDemo> {
  const host = opts.host ?? '127.0.0.1';
  const ports = DEMO_HALLS.map((_, i) => (opts.firstNodePort === 0 ? 0 : opts.firstNodePort + i));
  for (const port of [opts.hubPort, ...ports]) await ensureFree(port, host);
  const staff = (h: DemoHall): StaffSeed[] => [{ account: h.account, name: h.name, roles: h.roles, password: DEMO_PASSWORD }];
  const district = await startDistrict({
    dir: opts.dir,
    host,
    hubPort: opts.hubPort,
    nodes: DEMO_HALLS.map((h, i) => ({ org: h.org, port: ports[i]!, staff: staff(h) })),
    identityStaff: [DEMO_ADMIN, DEMO_COUNTER],
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  try {
    await ensureResident(district.hubUrl);
    await waitForCatalogue(district);
    const clerkOf = (org: string): Actor => {
      const h = DEMO_HALLS.find((x) => x.org === org)!;
      return { id: `staff:${h.account}`, name: h.name, org };
    };
    const samples = await writeSampleCases(district.nodes, clerkOf);
    return { district, samples, close: () => district.close() };
  } catch (err) {
    await district.close();
    throw err;
  }
}

/**
 * Signs the demo resident up at the identity service unless he already has an account, and has
 * the demo counter clerk verify him, as a window would after seeing his ID card: only then does he
 * see the cases clerks accepted for his ID number.
 */
async function ensureResident(hubUrl: string): Promise<void> {
  const post = (path: string, body: object, token?: string) =>
    fetch(`${hubUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const res = await post('/identity/residents', { name: DEMO_RESIDENT.name, idNumber: DEMO_RESIDENT.idNumber, phone: DEMO_RESIDENT.phone, password: DEMO_RESIDENT.password });
  if (res.status !== 201 && res.status !== 409) throw new Error(`demo: cannot sign the demo resident up (${res.status}): ${await res.text()}`);
  const login = await post('/identity/login', { kind: 'staff', login: DEMO_COUNTER.account, password: DEMO_COUNTER.password });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const verified = await post('/identity/residents/verify', { idNumber: DEMO_RESIDENT.idNumber, name: DEMO_RESIDENT.name, phone: DEMO_RESIDENT.phone }, accessToken);
  if (!verified.ok) throw new Error(`demo: cannot verify the demo resident (${verified.status}): ${await verified.text()}`);
}

/** The sample cases need the catalogue and calendar, which a fresh node pulls from the hub. */
async function waitForCatalogue(district: RunningDistrict, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const [org, node] of district.nodes) {
    while (node.services.reference.catalogue.size === 0 || node.services.reference.organisations.size === 0) {
      if (Date.now() > deadline) throw new Error(`demo: ${org} has not received the catalogue from the hub`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const PAGES: readonly [path: string, what: string][] = [
  ['/guide', '办事指南'],
  ['/window', '综合受理'],
  ['/window/cases', '办件管理'],
  ['/track', '办件查询'],
  ['/portal', '居民服务'],
  ['/status', '节点状态'],
];

/** Pads to a width in terminal columns, where a Chinese character takes two. */
function padColumns(text: string, columns: number): string {
  const width = [...text].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, columns - width));
}

/** What `npm start` prints: every node's pages, the accounts, the sample cases. */
export function describeDemo(demo: RunningDemo, dir: string): string {
  const lines = [`hallnet demo — 东城区 on this machine (data in ${dir})`, '', `${padColumns('hub (sync gateway, identity)', 30)}${demo.district.hubUrl}`, ''];
  for (const h of DEMO_HALLS) {
    const node = demo.district.nodes.get(h.org);
    if (!node) continue;
    lines.push(`${padColumns(node.services.reference.orgName(h.org), 30)}${node.url}/   clerk ${h.account} / ${DEMO_PASSWORD}`);
  }
  const first = demo.district.nodes.get(DEMO_HALLS[2]!.org)?.url ?? '';
  lines.push('', `pages of every node (e.g. ${first}):`, ...PAGES.map(([path, what]) => `  ${path.padEnd(14)} ${what}`));
  lines.push(
    '',
    'accounts:',
    `  clerks: as above, each at its own node, password ${DEMO_PASSWORD}`,
    `  district admin (identity service): ${DEMO_ADMIN.account} / ${DEMO_ADMIN.password}`,
    `  resident ${DEMO_RESIDENT.name}, on any node's /portal: ${DEMO_RESIDENT.phone} or ${DEMO_RESIDENT.idNumber} / ${DEMO_RESIDENT.password}`,
  );
  const cases = DEMO_HALLS.flatMap((h) => [...(demo.district.nodes.get(h.org)?.services.index.values() ?? [])].filter((c) => c.scope === h.org));
  if (cases.length) {
    lines.push('', 'cases held (query codes for /track):');
    for (const c of cases.slice(0, 12)) lines.push(`  ${c.queryCode}  ${c.matterName} · ${c.status} · ${c.scope}`);
  }
  lines.push('', 'Ctrl-C stops the district.');
  return lines.join('\n');
}

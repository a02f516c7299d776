import { createServer } from 'node:net';
import { join } from 'node:path';
import { lastLoggedCode } from '../hub/index.js';
import type { Logger } from 'pino';
import type { NewStaff } from '../identity/index.js';
import { HallnetError, type Actor, type StaffRole } from '../sync/index.js';
import { DEMO_RESIDENT, writeSampleCases, type SampleSummary } from './demo-cases.js';
import { deptPath, type DeptSlug } from './seed/index.js';
import { startDistrict, type RunningDistrict, type StaffSeed } from './start-district.js';

/** One hall of the demo district and its clerk. */
interface DemoHall {
  org: string;
  account: string;
  name: string;
  roles: StaffRole[];
}

/**
 * The demo district: the center, two streets with two communities each, one department's back
 * office (streets before their communities: a street signs its communities' certificates). Its
 * clerks are plain clerks, as the district's rules on ratings want them: they never see a rating;
 * the supervisor at the center (DEMO_CENTER_STAFF) does, and the district admin sees the figures
 * where five ratings or more stand behind them.
 */
export const DEMO_HALLS: readonly DemoHall[] = [
  { org: 'dongcheng', account: 'clerk.center', name: '王晓红', roles: ['clerk'] },
  { org: 'dongcheng/jingshan', account: 'clerk.jingshan', name: '李建国', roles: ['clerk'] },
  { org: 'dongcheng/jingshan/huangchenggen', account: 'clerk.hcg', name: '刘芳', roles: ['clerk'] },
  { org: 'dongcheng/jingshan/jixiang', account: 'clerk.jixiang', name: '赵磊', roles: ['clerk'] },
  { org: 'dongcheng/donghuamen', account: 'clerk.donghuamen', name: '陈静', roles: ['clerk'] },
  { org: 'dongcheng/donghuamen/nanchizi', account: 'clerk.nanchizi', name: '孙伟', roles: ['clerk'] },
  { org: 'dongcheng/donghuamen/duofuxiang', account: 'clerk.duofuxiang', name: '周敏', roles: ['clerk'] },
  { org: 'dongcheng/dept/disabled', account: 'office.disabled', name: '吴海燕', roles: ['back-office'] },
];

/** One more member of staff at a demo node: an account, a name, roles and, for a department's desk, its department. */
export interface DemoStaff {
  account: string;
  name: string;
  roles: StaffRole[];
  org?: string;
}

/**
 * Who works at the district center besides its clerk: the coordination desk (综合协调部, 全程代办),
 * the center's director (中心主任: the district's figures and lights, ratings only as groups) and
 * the supervisor (效能监察).
 */
export const DEMO_CENTER_STAFF: readonly DemoStaff[] = [
  { account: 'desk.coordination', name: '陈代办', roles: ['clerk'] },
  { account: 'director.center', name: '钱主任', roles: ['director'] },
  { account: 'supervisor', name: '郑督查', roles: ['supervisor'] },
];

/** Who works at the 皇城根 community station besides its clerk: its head (站长), the hall's director (window setup, its lights). */
export const DEMO_STATION_STAFF: readonly DemoStaff[] = [
  { account: 'director.hcg', name: '何站长', roles: ['director'] },
];

// The departments' chief representatives (首席代表) at their desks in the center.
const DESK_NAMES: Record<Exclude<DeptSlug, 'disabled'>, string> = {
  market: '马建华',
  quality: '齐志强',
  'national-tax': '郭税明',
  'local-tax': '邓立新',
  stats: '司统计',
  health: '卫晓光',
  ecology: '林绿清',
  civil: '闵爱民',
  police: '杜安平',
  hrss: '任社保',
  medinsurance: '于医保',
  housing: '房建设',
  planning: '季规划',
  culture: '文华',
  education: '秦育才',
  justice: '法正',
  veterans: '戎军',
};

/**
 * The departments' back offices: every department of the catalogue keeps a desk at the district
 * center (进驻中心, as the 2018 center houses 38 departments), its chief representative logged in
 * there with his department's own account — except the disabled persons' federation, which runs a
 * node of its own. So every stage of every matter has someone to approve it, on one machine.
 */
export const DEMO_DESKS: readonly DemoStaff[] = (Object.keys(DESK_NAMES) as Exclude<DeptSlug, 'disabled'>[]).map(
  (slug) => ({
    account: `desk.${slug}`,
    name: DESK_NAMES[slug],
    roles: ['back-office'],
    org: deptPath(slug),
  }),
);

/** Every demo clerk's password (a demo on one machine; real halls use `hallnet staff add`). */
export const DEMO_PASSWORD = 'hallnet-demo';
/** The district admin, an account of the identity service. */
export const DEMO_ADMIN: NewStaff = {
  account: 'admin',
  name: '区政务服务管理员',
  org: 'dongcheng',
  roles: ['admin'],
  password: 'hallnet-admin',
};
/** A district clerk account who checks residents' ID cards in person (实名核验). */
export const DEMO_COUNTER: NewStaff = {
  account: 'counter',
  name: '实名核验员',
  org: 'dongcheng',
  roles: ['clerk'],
  password: 'hallnet-counter',
};

export interface DemoOptions {
  dir: string;
  host?: string;
  /** The hub's port; 0 picks a free one (tests). */
  hubPort: number;
  /** The first node's port, the others follow in DEMO_HALLS order; 0 picks free ones. */
  firstNodePort: number;
  logger?: Logger;
  /** The district's clock (tests walk a working day on it); the real time by default. */
  clock?: () => Date;
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
      reject(
        new HallnetError(
          'ERR_CONFIG',
          `port ${port} on ${host} is taken (${err.code}): stop whatever listens there (another \`npm start\`?) and try again`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * Starts the whole demo district on this machine with startDistrict — hub (embedded store and
 * identity), enrolled and granted nodes — then the demo resident and the sample cases. Data in
 * `dir` is reused on the next start; accounts and samples are only added where missing.
 */
/** How long before the demo's first start its district was enrolled: its oldest sample case is younger. */
const DEMO_ENROLLED_DAYS_AGO = 60;

export async function startDemo(opts: DemoOptions): Promise<RunningDemo> {
  const host = opts.host ?? '127.0.0.1';
  const ports = DEMO_HALLS.map((_, i) => (opts.firstNodePort === 0 ? 0 : opts.firstNodePort + i));
  for (const port of [opts.hubPort, ...ports]) await ensureFree(port, host);
  const more = (h: DemoHall) =>
    h.org === DEMO_HALLS[0]!.org
      ? [...DEMO_CENTER_STAFF, ...DEMO_DESKS]
      : h.org === DEMO_HALLS[2]!.org
        ? DEMO_STATION_STAFF
        : [];
  const staff = (h: DemoHall): StaffSeed[] =>
    [h, ...more(h)].map((s) => ({
      account: s.account,
      name: s.name,
      roles: s.roles,
      password: DEMO_PASSWORD,
      ...('org' in s && s.org !== h.org ? { org: s.org } : {}),
    }));
  const district = await startDistrict({
    dir: opts.dir,
    host,
    hubPort: opts.hubPort,
    nodes: DEMO_HALLS.map((h, i) => ({ org: h.org, port: ports[i]!, staff: staff(h) })),
    identityStaff: [DEMO_ADMIN, DEMO_COUNTER],
    // The sample cases are back-dated by up to a few weeks: the halls held their rights then, or the hub refuses them.
    enrolledAt: new Date((opts.clock?.() ?? new Date()).getTime() - DEMO_ENROLLED_DAYS_AGO * 86_400_000),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  try {
    await ensureResident(district.hubUrl, join(opts.dir, 'hub', 'sms.log'));
    await waitForCatalogue(district);
    const clerkOf = (org: string): Actor => {
      const h = DEMO_HALLS.find((x) => x.org === org)!;
      return { id: `staff:${h.account}`, name: h.name, org };
    };
    const samples = await writeSampleCases(district.nodes, clerkOf, opts.clock?.());
    return { district, samples, close: () => district.close() };
  } catch (err) {
    await district.close();
    throw err;
  }
}

/**
 * Signs the demo resident up at the identity service unless he already has an account (with the
 * code the hub's SMS log shows for his phone: the demo's SMS operator is that file), and has the
 * demo counter clerk verify him, as a window would after seeing his ID card: only then does he see
 * the cases clerks accepted for his ID number.
 */
async function ensureResident(hubUrl: string, smsLog: string): Promise<void> {
  const post = (path: string, body: object, token?: string) =>
    fetch(`${hubUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const asked = await post('/identity/residents/code', { phone: DEMO_RESIDENT.phone });
  if (asked.status !== 202 && asked.status !== 429)
    throw new Error(`demo: cannot ask for a sign-up code (${asked.status}): ${await asked.text()}`);
  // No code when he has an account already (the phone is told so instead): nothing to sign up.
  const code = await lastLoggedCode(smsLog, DEMO_RESIDENT.phone);
  if (code) {
    const res = await post('/identity/residents', {
      name: DEMO_RESIDENT.name,
      idNumber: DEMO_RESIDENT.idNumber,
      phone: DEMO_RESIDENT.phone,
      code,
      password: DEMO_RESIDENT.password,
    });
    if (res.status !== 201 && res.status !== 409 && res.status !== 401)
      throw new Error(`demo: cannot sign the demo resident up (${res.status}): ${await res.text()}`);
  }
  const login = await post('/identity/login', {
    kind: 'staff',
    login: DEMO_COUNTER.account,
    password: DEMO_COUNTER.password,
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const verified = await post(
    '/identity/residents/verify',
    { idNumber: DEMO_RESIDENT.idNumber, name: DEMO_RESIDENT.name, phone: DEMO_RESIDENT.phone },
    accessToken,
  );
  if (!verified.ok)
    throw new Error(`demo: cannot verify the demo resident (${verified.status}): ${await verified.text()}`);
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

/** Every page a node serves, as README lists them (`:id` and the like stand for what a link fills in). */
export const DEMO_PAGES: readonly [path: string, what: string][] = [
  ['/', '首页'],
  ['/guide', '办事指南 (/guide/<事项编码>)'],
  ['/window', '综合受理 (clerk)'],
  ['/window/cases', '办件管理 (/window/cases/<id>, 受理通知书 /window/notice/<id>)'],
  ['/window/queue', '叫号面板 (clerk); 窗口设置 /window/queue/setup (director)'],
  ['/office', '后台审批 (/office/cases/<id>)'],
  ['/queue/kiosk', '取号机 (预约签到 too)'],
  ['/queue/screen', '叫号屏'],
  ['/queue/ticket/<id>', "排队号 (the slip's QR code)"],
  ['/rate/window/w1', '评议器 of window w1 (a tablet at each window)'],
  ['/track', '办件查询'],
  ['/portal', '居民服务 (phone): my cases, 预约, 网上申请'],
  ['/board', '红绿灯督办屏'],
  ['/supervision', '督查考评 (figures for all staff; single ratings for the supervisor)'],
  ['/status', '节点状态'],
];

/** Pads to a width in terminal columns, where a Chinese character takes two. */
function padColumns(text: string, columns: number): string {
  const width = [...text].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, columns - width));
}

/** What `npm start` prints: every node's pages, the accounts, the sample cases. */
export function describeDemo(demo: RunningDemo, dir: string): string {
  const lines = [
    `hallnet demo — 东城区 on this machine (data in ${dir})`,
    '',
    `${padColumns('hub (sync gateway, identity)', 30)}${demo.district.hubUrl}`,
    '',
  ];
  for (const h of DEMO_HALLS) {
    const node = demo.district.nodes.get(h.org);
    if (!node) continue;
    lines.push(
      `${padColumns(node.services.reference.orgName(h.org), 30)}${node.url}/   clerk ${h.account} / ${DEMO_PASSWORD}`,
    );
  }
  const first = demo.district.nodes.get(DEMO_HALLS[2]!.org)?.url ?? '';
  lines.push(
    '',
    `pages of every node (e.g. ${first}):`,
    ...DEMO_PAGES.map(([path, what]) => `  ${path.padEnd(20)} ${what}`),
  );
  const center = demo.district.nodes.get(DEMO_HALLS[0]!.org)?.url ?? '';
  lines.push(
    '',
    'accounts:',
    `  clerks: as above, each at its own node, password ${DEMO_PASSWORD} (plain clerks: they never see a rating)`,
    `  at the district center (${center}), password ${DEMO_PASSWORD}: ${DEMO_CENTER_STAFF.map((s) => `${s.account} (${s.roles.join(',')})`).join(', ')}`,
    `  at 皇城根社区服务站, password ${DEMO_PASSWORD}: ${DEMO_STATION_STAFF.map((s) => `${s.account} (${s.roles.join(',')})`).join(', ')}`,
    `  departments' desks at the center (back-office): ${DEMO_DESKS.map((d) => d.account).join(', ')}`,
    `  district admin (identity service): ${DEMO_ADMIN.account} / ${DEMO_ADMIN.password}`,
    `  resident ${DEMO_RESIDENT.name}, on any node's /portal: ${DEMO_RESIDENT.phone} or ${DEMO_RESIDENT.idNumber} / ${DEMO_RESIDENT.password}`,
  );
  const cases = DEMO_HALLS.flatMap((h) =>
    [...(demo.district.nodes.get(h.org)?.services.index.values() ?? [])].filter((c) => c.scope === h.org),
  );
  if (cases.length) {
    lines.push('', 'cases held (query codes for /track):');
    for (const c of cases.slice(0, 12)) lines.push(`  ${c.queryCode}  ${c.matterName} · ${c.status} · ${c.scope}`);
  }
  lines.push('', 'Ctrl-C stops the district.');
  return lines.join('\n');
}

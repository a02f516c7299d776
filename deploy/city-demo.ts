import type { Logger } from 'pino';
import { CITY } from './city-catalogue.js';
import { DEMO_RESIDENT } from './demo-cases.js';
import { DEMO_PASSWORD } from './demo.js';
import { orgDocId, type Level, type Organisation, type OrgKind } from '../sync/index.js';
import { seedCalendars, seedCategories, seedDoc } from './seed/index.js';
import { startCity, type RunningCity } from './start-city.js';

/** One hall of the city demo and its clerk. */
interface CityDemoHall {
  org: string;
  account: string;
  name: string;
}

/** The city demo's halls: a street and a community in 西城, a department, a street and a community in 东城. */
export const CITY_DEMO_HALLS: readonly CityDemoHall[] = [
  { org: 'xicheng/jinrongjie', account: 'clerk.jinrongjie', name: '金融街街道' },
  { org: 'xicheng/jinrongjie/fengsheng', account: 'clerk.fengsheng', name: '丰盛社区' },
  { org: 'dongcheng/dept/health', account: 'office.health', name: '东城区卫生健康委' },
  { org: 'dongcheng/jingshan', account: 'clerk.jingshan', name: '景山街道' },
  { org: 'dongcheng/jingshan/huangchenggen', account: 'clerk.hcg', name: '皇城根社区' },
];

/** The city's clerk who verifies residents in person (实名核验), an account of the city's identity service. */
export const CITY_DEMO_COUNTER = {
  account: 'counter',
  name: '市实名核验员',
  org: CITY,
  roles: ['clerk' as const],
  password: 'hallnet-counter',
};

/** The city catalogue's matter the sample cases are of, decided by 东城's health commission. */
const SAMPLE_MATTER = 'BJ-WJ-007';
const ACCEPTING = 'xicheng/jinrongjie/fengsheng';
const DECIDING = 'dongcheng/dept/health';

/** Who publishes 西城's reference documents: its government service office, as 东城's does for 东城. */
const XICHENG_OFFICE = { id: 'seed', name: '西城区政务服务管理办公室', org: 'xicheng' };

/** 西城's organisations as far as the demo has halls: its center, the street and the community, so its pages name them. */
function xichengOrganisations(): Organisation[] {
  const org = (path: string, name: string, level: Level, kind: OrgKind): Organisation =>
    seedDoc('organisation', orgDocId(path), { path, name, level, kind }, XICHENG_OFFICE);
  return [
    org('xicheng', '西城区政务服务中心', 4, 'center'),
    org('xicheng/jinrongjie', '金融街街道办事处', 5, 'street'),
    org('xicheng/jinrongjie/fengsheng', '丰盛社区服务站', 6, 'community'),
  ];
}

export interface CityDemoOptions {
  dir: string;
  host?: string;
  /** The city hub's port; 0 picks a free one (tests). */
  cityPort: number;
  logger?: Logger;
}

export interface RunningCityDemo {
  city: RunningCity;
  /** The sample cross-district cases: accepted in 西城, forwarded to 东城's department. */
  samples: { id: string; queryCode: string }[];
  close(): Promise<void>;
}

/**
 * `hallnet demo --city`: two small districts (西城 and 东城) under a city hub on this machine (跨区通办),
 * with a sample 全市通办 case accepted at a 西城 community and forwarded to the 东城 department that
 * decides it — written once, through the halls' own API, as a clerk would.
 */
export async function startCityDemo(o: CityDemoOptions): Promise<RunningCityDemo> {
  const staff = (h: CityDemoHall) => [
    {
      account: h.account,
      name: `${h.name}窗口`,
      roles: h.org.includes('/dept/') ? ['back-office' as const] : ['clerk' as const],
      password: DEMO_PASSWORD,
    },
  ];
  const halls = (district: string) =>
    CITY_DEMO_HALLS.filter((h) => h.org.startsWith(`${district}/`)).map((h) => ({ org: h.org, staff: staff(h) }));
  const city = await startCity({
    dir: o.dir,
    cityPort: o.cityPort,
    ...(o.host ? { host: o.host } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    identityStaff: [CITY_DEMO_COUNTER],
    districts: [
      // 西城 runs on the city's catalogue and calendar alone; 东城 on its own seed, the city's beside it.
      {
        district: 'xicheng',
        name: '西城区',
        nodes: halls('xicheng'),
        seedDocs: [...xichengOrganisations(), ...seedCategories(XICHENG_OFFICE), ...seedCalendars(XICHENG_OFFICE)],
      },
      { district: 'dongcheng', name: '东城区', nodes: halls('dongcheng') },
    ],
  });
  try {
    const samples = await writeSamples(city);
    return { city, samples, close: () => city.close() };
  } catch (err) {
    await city.close();
    throw err;
  }
}

/** The sample cross-district case, unless the accepting hall holds one already (a restart). */
async function writeSamples(city: RunningCity): Promise<{ id: string; queryCode: string }[]> {
  const hall = city.districts.get('xicheng')!.nodes.get(ACCEPTING)!;
  const held = [...hall.services.index.values()].filter((c) => c.matterCode === SAMPLE_MATTER);
  if (held.length) return held.map((c) => ({ id: c.id, queryCode: c.queryCode }));
  // The city catalogue reaches the hall from the city through its district: wait for it.
  const deadline = Date.now() + 60_000;
  while (!hall.services.reference.catalogue.get(SAMPLE_MATTER)) {
    if (Date.now() > deadline) throw new Error(`the city catalogue did not reach ${ACCEPTING}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const clerk = CITY_DEMO_HALLS.find((h) => h.org === ACCEPTING)!;
  const call = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${hall.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const { token } = await call('/api/auth/staff-login', { account: clerk.account, password: DEMO_PASSWORD });
  const matter = hall.services.reference.catalogue.get(SAMPLE_MATTER)!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const { name, idNumber, phone } = DEMO_RESIDENT;
  const applicant = { kind: 'person', name, idType: 'resident-id', idNumber, phone };
  const accepted = await call('/api/cases', { matterCode: SAMPLE_MATTER, applicant, received }, String(token));
  const id = String(accepted.id);
  await call(
    `/api/cases/${id}/events`,
    { kind: 'forwarded', to: DECIDING, note: '全市通办：请东城区卫生健康委审核' },
    String(token),
  );
  return [{ id, queryCode: hall.services.index.get(id)?.queryCode ?? '' }];
}

/** The addresses and accounts of a running city demo, as `hallnet demo --city` prints them. */
export function describeCityDemo(demo: RunningCityDemo, dir: string): string {
  const lines = [
    `hallnet demo --city — ${CITY}: 西城区 and 东城区 under a city hub on this machine (data in ${dir})`,
    '',
    `${'city hub (跨区通办)'.padEnd(30)}${demo.city.hub.url}`,
  ];
  for (const [district, running] of demo.city.districts) lines.push(`${`${district} hub`.padEnd(30)}${running.hubUrl}`);
  lines.push('');
  for (const h of CITY_DEMO_HALLS) {
    const node = demo.city.districts.get(h.org.split('/')[0]!)?.nodes.get(h.org);
    if (node) lines.push(`${h.name.padEnd(24)}${h.org.padEnd(34)}${node.url}/   ${h.account} / ${DEMO_PASSWORD}`);
  }
  lines.push(
    '',
    `city catalogue: ${SAMPLE_MATTER} (全市通办), accepted at any hall, decided by ${DECIDING}`,
    'sample cross-district cases (accepted at 丰盛社区, forwarded to 东城区卫生健康委; query codes for /track):',
    ...demo.samples.map((s) => `  ${s.queryCode}  ${s.id}`),
    '',
    `residents sign up and log in once for the city at the city hub (${demo.city.hub.url}/identity/…), followed at any hall;`,
    `  the city's clerk who verifies them in person: ${CITY_DEMO_COUNTER.account} / ${CITY_DEMO_COUNTER.password}`,
    'Ctrl-C stops the city.',
  );
  return lines.join('\n');
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendars, seedCategories } from '../../deploy/seed/index.js';
import { startSmsGateway } from '../../identity/testing/sms-gateway.js';
import { startCity, type RunningCity } from '../../deploy/start-city.js';
import type { RunningNode } from '../../node/index.js';
import { join } from 'node:path';
import { client, clerkClient, type Client } from '../support/client.js';
import { signUpResident } from '../support/sign-up-resident.js';
import { eventually } from '../support/eventually.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { APPLICANT } from '../support/fixtures.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';

const XC_STREET = 'xicheng/jinrongjie';
const XC_HALL = 'xicheng/jinrongjie/fengsheng';
const DC_DEPT = 'dongcheng/dept/health';
const DC_HALL = 'dongcheng/jingshan/huangchenggen';
const CITY_MATTER = 'BJ-WJ-007';
const clerk = [
  { account: 'clerk', name: '王窗口', roles: ['clerk' as const, 'director' as const], password: PASSWORD },
];

const COUNTER = {
  account: 'counter',
  name: '市实名核验员',
  org: 'beijing',
  roles: ['clerk' as const],
  password: 'city-counter-pass',
};
const SUPERVISOR = {
  account: 'city.supervisor',
  name: '市跨区通办监督员',
  org: 'beijing',
  roles: ['supervisor' as const],
  password: 'city-supervisor-pass',
};
const dir = tempDir();
let city: RunningCity;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
let line: FaultProxy | undefined;
let caseId = '';
const clients = new Map<string, Client>();
const node = (org: string): RunningNode => city.districts.get(org.split('/')[0]!)!.nodes.get(org)!;

beforeAll(async () => {
  // One SMS operator for the city: each district's halls send through it, as the fake speaks its protocol.
  sms = await startSmsGateway();
  city = await startCity({
    dir: dir.path,
    identityStaff: [COUNTER, SUPERVISOR],
    districts: [
      // 西城 runs on the city's calendar and catalogue alone: its halls list the 全市通办 matter.
      {
        district: 'xicheng',
        // 西城's hub reaches the city through a line the test can cut.
        line: async (url) => {
          line = await startFaultProxy(Number(new URL(url).port));
          return line.url;
        },
        nodes: [XC_STREET, XC_HALL].map((org) => ({ org, staff: clerk })),
        seedDocs: [...seedCategories(), ...seedCalendars()],
        smsUrl: sms.url,
      },
      {
        district: 'dongcheng',
        nodes: [DC_DEPT, 'dongcheng/jingshan', DC_HALL].map((org) => ({ org, staff: clerk })),
        smsUrl: sms.url,
      },
    ],
  });
  for (const org of [XC_HALL, DC_DEPT]) {
    await eventually(() => node(org).services.reference.catalogue.get(CITY_MATTER), 30_000, `city matter at ${org}`);
    clients.set(org, await clerkClient(node(org).url, 'clerk', PASSWORD));
  }
}, 120_000);

afterAll(async () => {
  await city?.close();
  await line?.close();
  await sms?.close();
  dir.remove();
});

/** The SMS with `template` the resident got about the case with `queryCode`, once a hall's outbox sent it. */
const smsTo = (template: string, queryCode: string) =>
  eventually(
    () => sms.received.find((r) => r.body.template === template && r.body.params.queryCode === queryCode)?.body,
    30_000,
    `${template} SMS`,
  );

/** A 全市通办 case accepted and forwarded to the 东城 department by the 西城 community's clerk; its id. */
async function acceptAndForward(): Promise<string> {
  const matter = node(XC_HALL).services.reference.catalogue.get(CITY_MATTER)!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const accepted = await clients
    .get(XC_HALL)!
    .post('/api/cases', { matterCode: CITY_MATTER, applicant: APPLICANT, received });
  expect(accepted.status).toBe(201);
  const forwarded = await clients
    .get(XC_HALL)!
    .post(`/api/cases/${accepted.body.id}/events`, { kind: 'forwarded', to: DC_DEPT });
  expect(forwarded.status).toBe(201);
  return accepted.body.id;
}

describe('a 全市通办 case across two districts under a city hub', () => {
  it('is accepted in 西城, decided by a 东城 department, completed and handed out in 西城', async () => {
    expect(node(XC_HALL).services.reference.catalogue.get(CITY_MATTER)!.department).toBe(DC_DEPT);
    const id = await acceptAndForward();

    // 西城's hub → the city → 东城's hub → the department's node, which folds every event (西城's signers verify).
    await eventually(
      () => node(DC_DEPT).services.index.get(id)?.holder === DC_DEPT,
      30_000,
      'case at the 东城 department',
    );
    const atDept = await clients.get(DC_DEPT)!.get(`/api/cases/${id}`);
    expect(atDept.status).toBe(200);
    const atHall = await clients.get(XC_HALL)!.get(`/api/cases/${id}`);
    expect(atDept.body.promisedBy).toBe(atHall.body.promisedBy);
    expect(atDept.body.light).toBe(atHall.body.light);
    expect(atDept.body.flags ?? []).toEqual([]);

    // The resident is told at acceptance, by the 西城 hall where he stands.
    const queryCode = atHall.body.queryCode;
    const accepted = await smsTo('case.accepted', queryCode);
    expect(accepted.phone).toBe(APPLICANT.phone);
    expect(accepted.params.text).toContain(`查询码${queryCode}`);

    const done = await clients.get(DC_DEPT)!.post(`/api/cases/${id}/events`, { kind: 'completed', result: '审核通过' });
    expect(done.status).toBe(201);
    await eventually(() => node(XC_HALL).services.index.get(id)?.status === 'completed', 30_000, 'completed at 西城');
    // 东城's decision, once it reaches 西城, is told to him there; then where to collect the result.
    expect((await smsTo('case.completed', queryCode)).params.text).toContain('已办结');
    const handed = await clients.get(XC_HALL)!.post(`/api/cases/${id}/events`, { kind: 'delivered', method: 'window' });
    expect(handed.status).toBe(201);
    expect((await smsTo('case.result-at-window', queryCode)).phone).toBe(APPLICANT.phone);
    // Each told once, by one hall: no district sent what the other did.
    for (const t of ['case.accepted', 'case.completed', 'case.result-at-window'])
      expect(
        sms.received.filter((r) => r.body.template === t && r.body.params.queryCode === queryCode),
        t,
      ).toHaveLength(1);
    await eventually(
      () => node(DC_DEPT).services.index.get(id)?.delivery?.org === XC_HALL,
      30_000,
      'hand-out seen at 东城',
    );
    // 东城's community is no party: the case is not there.
    expect(node(DC_HALL).services.index.get(id)).toBeUndefined();
    caseId = id;
  }, 120_000);

  it("lets the resident, with one account at the city, follow it at a 东城 community; the city's staff sign in nowhere", async () => {
    const cityUrl = city.hub.url;
    const signed = await signUpResident(cityUrl, join(dir.path, 'city'), {
      name: APPLICANT.name,
      idNumber: APPLICANT.idNumber,
      phone: APPLICANT.phone,
      password: 'resident-pass-1',
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    const counter = await client(cityUrl).post('/identity/login', {
      kind: 'staff',
      login: COUNTER.account,
      password: COUNTER.password,
    });
    expect(counter.status).toBe(200);
    const verified = await client(cityUrl, counter.body.accessToken).post('/identity/residents/verify', {
      idNumber: APPLICANT.idNumber,
      name: APPLICANT.name,
      phone: APPLICANT.phone,
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const login = await client(cityUrl).post('/identity/login', {
      kind: 'resident',
      login: APPLICANT.phone,
      password: 'resident-pass-1',
    });
    expect(login.status).toBe(200);

    // At 东城's community, which holds no part of the case: the node asks 东城's hub, which does.
    const resident = client(node(DC_HALL).url, login.body.accessToken);
    const mine = await eventually(
      async () => {
        const res = await resident.get('/api/my/cases');
        return res.status === 200 && res.body.items.some((c: { id: string }) => c.id === caseId) && res.body;
      },
      30_000,
      "the cross-district case in the resident's cases at 东城",
    );
    expect(mine.verified).toBe(true);
    const one = await resident.get(`/api/my/cases/${caseId}`);
    expect(one.status).toBe(200);
    expect(one.body.delivery ?? one.body.status).toBeTruthy();
    // A city staff token is a resident's key speaking for a clerk: 东城's halls refuse it.
    expect((await client(node(DC_HALL).url, counter.body.accessToken).get('/api/cases')).status).toBe(401);

    // He rates it online at the 西城 community where he collected it; the rating goes up to the city.
    const rated = await client(node(XC_HALL).url, login.body.accessToken).post(`/api/my/cases/${caseId}/rating`, {
      level: 'very-satisfied',
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    await eventually(() => city.hub.store.get(`rating:case:${caseId}`), 30_000, 'the rating at the city');

    // The city's supervision, per district: 西城 accepted the case, 东城 decided it, on time; his one
    // rating is counted and, fewer than five, withheld as 样本不足 (0 ratings would show none).
    const supervisor = await client(cityUrl).post('/identity/login', {
      kind: 'staff',
      login: SUPERVISOR.account,
      password: SUPERVISOR.password,
    });
    expect(supervisor.status).toBe(200);
    const figures = await client(cityUrl, supervisor.body.accessToken).get('/api/city/figures');
    expect(figures.status, JSON.stringify(figures.body)).toBe(200);
    const of = (d: string) => figures.body.districts.find((x: { district: string }) => x.district === d);
    const counted = {
      accepted: 1,
      completed: 1,
      onTime: 1,
      onTimeRate: 1,
      instantRate: 0,
      ratingsWithheld: '样本不足',
    };
    expect(of('xicheng').accepting).toMatchObject(counted);
    expect(of('dongcheng').deciding).toMatchObject(counted);
    expect(of('dongcheng').accepting).toMatchObject({ accepted: 0, ratings: 0, ratingsWithheld: null });
    // City supervisors only: not anonymous, not the city's counter clerk, not a resident.
    expect((await client(cityUrl).get('/api/city/figures')).status).toBe(401);
    expect((await client(cityUrl, counter.body.accessToken).get('/api/city/figures')).status).toBe(403);
    expect((await client(cityUrl, login.body.accessToken).get('/api/city/figures')).status).toBe(403);
  }, 120_000);

  it('keeps both districts working while 西城 is cut off from the city, and converges when the line is back', async () => {
    const before = await acceptAndForward();
    await eventually(() => node(DC_DEPT).services.index.get(before)?.holder === DC_DEPT, 30_000, 'first case at 东城');
    const link = () => city.districts.get('xicheng')!.hub!.city!.status();
    line!.set('reset');
    await eventually(() => !link().connected, 15_000, '西城 cut off from the city');

    // 西城 accepts and forwards a new case; 东城 decides the earlier one: each inside its own district.
    const during = await acceptAndForward();
    const done = await clients
      .get(DC_DEPT)!
      .post(`/api/cases/${before}/events`, { kind: 'completed', result: '审核通过' });
    expect(done.status).toBe(201);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(node(DC_DEPT).services.index.get(during)).toBeUndefined();
    expect(node(XC_HALL).services.index.get(before)?.status).toBe('processing');

    line!.set('pass');
    await eventually(() => node(DC_DEPT).services.index.get(during)?.holder === DC_DEPT, 30_000, 'new case at 东城');
    await eventually(
      () => node(XC_HALL).services.index.get(before)?.status === 'completed',
      30_000,
      'decision at 西城',
    );
    expect(link().refused).toEqual([]);
  }, 120_000);
});

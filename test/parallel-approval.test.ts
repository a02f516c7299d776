import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { startSmsGateway } from '../identity/testing/sms-gateway.js';
import { clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const A = 'dongcheng/jingshan/huangchenggen';
const STAGE1 = ['dongcheng/dept/health', 'dongcheng/dept/ecology'];
const STAGE2 = [
  'dongcheng/dept/market',
  'dongcheng/dept/quality',
  'dongcheng/dept/national-tax',
  'dongcheng/dept/local-tax',
  'dongcheng/dept/stats',
];
const OFFLINE = 'dongcheng/dept/stats';
const RESTAURANT = 'DC-SCJG-003';
const COMPANY = {
  kind: 'company',
  name: '东城小馆餐饮有限公司',
  idType: 'uscc',
  idNumber: '91350100M000100Y43',
  phone: '13700137000',
};
const staff = (roles: ('clerk' | 'back-office')[]) => [{ account: 'clerk', name: '经办人', roles, password: PASSWORD }];

const dir = tempDir();
let district: RunningDistrict;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
const clients = new Map<string, Client>();
let id = '';

const at = (org: string) => district.nodes.get(org)!.services.index.get(id);
const login = async (org: string) =>
  clients.set(org, await clerkClient(district.nodes.get(org)!.url, 'clerk', PASSWORD));
const act = (org: string, body: object) => clients.get(org)!.post(`/api/cases/${id}/events`, body);

beforeAll(async () => {
  sms = await startSmsGateway();
  district = await startDistrict({
    dir: dir.path,
    smsUrl: sms.url,
    nodes: [
      { org: CENTER, staff: staff(['clerk', 'back-office']) },
      { org: A, staff: staff(['clerk']) },
      ...[...STAGE1, ...STAGE2].map((org) => ({ org, staff: staff(['back-office']) })),
    ],
  });
  for (const org of district.nodes.keys()) {
    await eventually(
      () => district.nodes.get(org)!.services.reference.catalogue.get(RESTAURANT),
      20_000,
      `catalogue at ${org}`,
    );
    await login(org);
  }
}, 120_000);

afterAll(async () => {
  await district?.close();
  await sms?.close();
  dir.remove();
});

describe('并联审批: a restaurant licence through two stages and seven departments', () => {
  it('is accepted at a community window and forwarded to the district', async () => {
    const matter = district.nodes.get(A)!.services.reference.catalogue.get(RESTAURANT)!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const res = await clients.get(A)!.post('/api/cases', { matterCode: RESTAURANT, applicant: COMPANY, received });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    // Forwarding to an organisation that does not handle the matter is refused, and changes nothing.
    const wrong = await act(A, { kind: 'forwarded', to: 'dongcheng/dept/police' });
    expect(wrong.status).toBe(403);
    expect((await act(A, { kind: 'forwarded', to: CENTER, note: '餐饮开办并联审批' })).status).toBe(201);
    await eventually(() => at(CENTER)?.holder === CENTER, 15_000, 'case in the district inbox');
    const inbox = await clients.get(CENTER)!.get('/api/inbox');
    expect(inbox.body.held.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('starts stage 1 at the coordination desk; each department sees only its own task', async () => {
    // One department is cut off for the first part of the procedure.
    await district.stopNode(OFFLINE);
    expect((await act(CENTER, { kind: 'completed' })).status).toBe(409);
    expect((await act(CENTER, { kind: 'stage-started' })).status).toBe(201);
    for (const dept of STAGE1) {
      const inbox = await eventually(
        async () => {
          const res = await clients.get(dept)!.get('/api/inbox');
          return res.body.tasks.length > 0 && res.body;
        },
        15_000,
        `task at ${dept}`,
      );
      expect(inbox.tasks).toHaveLength(1);
      expect(inbox.tasks[0]).toMatchObject({ id, stage: 0, stageName: '现场核查' });
    }
    // A department of a later stage does not even hold the case yet.
    expect((await act('dongcheng/dept/market', { kind: 'approved', stage: 0 })).status).toBe(404);
  });

  it('moves to stage 2 when both site reviews approve, and answers a second approval with the first', async () => {
    const first = await act(STAGE1[0]!, { kind: 'approved', stage: 0, note: '卫生条件合格' });
    expect(first.status).toBe(201);
    // A double click: the same success again, nothing appended.
    const again = await act(STAGE1[0]!, { kind: 'approved', stage: 0 });
    expect(again.status).toBe(200);
    expect(again.body.events).toHaveLength(first.body.events.length);
    await eventually(
      () => at(STAGE1[1]!)?.stages[0]?.tasks.find((t) => t.department === STAGE1[0])?.status === 'approved',
      15_000,
      'first approval seen by the second',
    );
    expect((await act(STAGE1[1]!, { kind: 'approved', stage: 0, note: '油烟净化达标' })).status).toBe(201);
    for (const dept of STAGE2.filter((d) => d !== OFFLINE)) {
      await eventually(
        () => at(dept)?.stages[1]?.tasks.some((t) => t.department === dept && t.status === 'pending'),
        15_000,
        `stage 2 task at ${dept}`,
      );
    }
  });

  it('completes when all five stage-2 departments approve, one of them after coming back online', async () => {
    for (const dept of STAGE2.filter((d) => d !== OFFLINE)) {
      expect((await act(dept, { kind: 'approved', stage: 1 })).status).toBe(201);
      await eventually(
        () => at(CENTER)?.stages[1]?.tasks.find((t) => t.department === dept)?.status === 'approved',
        15_000,
        `approval of ${dept} at the district`,
      );
    }
    expect(at(A)?.status).toBe('processing');
    await district.startNode(OFFLINE);
    await login(OFFLINE);
    await eventually(
      () => at(OFFLINE)?.stages[1]?.tasks.some((t) => t.department === OFFLINE && t.status === 'pending'),
      20_000,
      'the returning department receives its task',
    );
    const last = await act(OFFLINE, { kind: 'approved', stage: 1, note: '统计登记完成' });
    expect(last.status).toBe(201);
    // The department decides its own task; the coordination desk holding the case completes it.
    expect(last.body.status).toBe('processing');
    await eventually(() => at(CENTER)?.status === 'completed', 20_000, 'completed by the coordination desk');
    expect(at(CENTER)?.events.at(-1)).toMatchObject({ kind: 'completed', actor: { org: CENTER } });
    await eventually(() => at(A)?.status === 'completed', 20_000, 'completed at the community');
  });

  it('tells the applicant once, and hands the licence out at the community window', async () => {
    await district.nodes.get(A)!.services.notices.runOnce();
    await eventually(() => sms.received.some((r) => r.body.template === 'case.completed'), 10_000, 'completion SMS');
    // Every node runs its outbox; only the accepting hall sends, and only once.
    for (const node of district.nodes.values()) await node.services.notices.runOnce();
    await district.nodes.get(A)!.services.notices.runOnce();
    const completed = sms.received.filter((r) => r.body.template === 'case.completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.body).toMatchObject({ phone: COMPANY.phone, params: { queryCode: at(A)!.queryCode } });
    // It says the case is done, not where to collect the result: that comes when it is handed out.
    expect(completed[0]!.body.params.text).not.toContain('领证');
    expect(sms.received.filter((r) => r.body.template === 'case.accepted')).toHaveLength(1);

    expect((await act(A, { kind: 'picked-up' })).status).toBe(409);
    expect((await act(A, { kind: 'delivered', method: 'window' })).status).toBe(201);
    await district.nodes.get(A)!.services.notices.runOnce();
    const ready = await eventually(
      () => sms.received.find((r) => r.body.template === 'case.result-at-window'),
      10_000,
      'result SMS',
    );
    expect(ready.body.params.text).toContain('办理结果已送达皇城根社区服务站，请携带本人身份证件到窗口领取');
    expect((await act(A, { kind: 'picked-up' })).status).toBe(201);
    // Pressed again: answered with the case as it stands, nothing recorded twice.
    const again = await act(A, { kind: 'picked-up' });
    expect(again.status).toBe(200);
    expect(again.body.events.filter((e: { kind: string }) => e.kind === 'picked-up')).toHaveLength(1);
    const final = await clients.get(A)!.get(`/api/cases/${id}`);
    expect(final.body).toMatchObject({ status: 'completed', delivery: { method: 'window' } });
    expect(final.body.pickedUpAt).toBeTruthy();
    expect(final.body.stages.flatMap((s: { tasks: { status: string }[] }) => s.tasks.map((t) => t.status))).toEqual(
      Array(7).fill('approved'),
    );
  });
});

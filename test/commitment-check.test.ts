import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { startSmsGateway } from '../identity/testing/sms-gateway.js';
import { clerkClient, client, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { APPLICANT, OTHER_APPLICANT } from './support/fixtures.js';
import { matterFields } from './support/matter-fields.js';
import { tempDir } from './support/temp-dir.js';

// 告知承诺 核查: the office holding a case records what the check of the applicant's commitment found;
// found untrue, the result is void: the licence revoked everywhere, the applicant told by SMS.
const CENTER = 'dongcheng';
const DEPT = 'dongcheng/dept/disabled';
const PASSWORD = 'commitment-check-1';
const ONE = { account: 'cat.one', name: '目录管理员甲', password: PASSWORD, roles: ['admin' as const] };
const TWO = { account: 'cat.two', name: '目录管理员乙', password: PASSWORD, roles: ['admin' as const] };
const CLERK = { account: 'clerk', name: '窗口甲', password: PASSWORD, roles: ['clerk' as const] };
const CERTIFICATE = 'DC-CL-001'; // issues the 残疾人证; version 2 lets the household register be a commitment
const ASSISTANCE = 'DC-MZ-001'; // the income proof may be a commitment, no licence
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const dir = tempDir('hallnet-commitment-check-');
let district: RunningDistrict;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
let center: Client;
let dept: Client;
const node = (org: string) => district.nodes.get(org)!;
const texts = (phone: string) =>
  sms.received.filter((r) => r.body.phone === phone).map((r) => r.body.params.text ?? '');

beforeAll(async () => {
  sms = await startSmsGateway();
  district = await startDistrict({
    dir: dir.path,
    smsUrl: sms.url,
    nodes: [
      { org: CENTER, staff: [ONE, TWO, CLERK] },
      { org: DEPT, staff: [CLERK] },
    ],
  });
  for (const org of [CENTER, DEPT])
    await eventually(() => node(org).services.reference.catalogue.get(CERTIFICATE), 20_000, `catalogue at ${org}`);
  center = await clerkClient(node(CENTER).url, CLERK.account, PASSWORD);
  dept = await clerkClient(node(DEPT).url, CLERK.account, PASSWORD);
  // Version 2 of the certificate: the household register may be replaced by a commitment, checked within 1 working day.
  const one = await clerkClient(node(CENTER).url, ONE.account, PASSWORD);
  const two = await clerkClient(node(CENTER).url, TWO.account, PASSWORD);
  const matter = node(CENTER).services.reference.catalogue.get(CERTIFICATE)!;
  const v2 = {
    ...matterFields(matter),
    commitmentCheckDays: 1,
    materials: matter.materials.map((m) => ({
      ...m,
      ...(m.necessity === 'required' && !m.form ? { source: '申请人自备' } : {}),
      ...(m.id === 'household-register' ? { commitment: true } : {}),
    })),
  };
  const draft = await one.post('/api/catalogue-drafts', { code: CERTIFICATE, matter: v2, effectiveFrom: today() });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await two.post(`/api/catalogue-drafts/${CERTIFICATE}/2/approve`)).status).toBe(200);
  expect((await one.post(`/api/catalogue-drafts/${CERTIFICATE}/2/publish`)).status).toBe(200);
  for (const org of [CENTER, DEPT])
    await eventually(
      () => node(org).services.reference.catalogue.get(CERTIFICATE)?.version === 2,
      20_000,
      `version 2 at ${org}`,
    );
}, 90_000);

afterAll(async () => {
  await district?.close();
  await sms?.close();
  dir.remove();
});

/** Accepts the certificate at the center with the household register as a commitment, forwards and completes it at the federation. */
async function certificateIssued(): Promise<{ id: string; licence: string }> {
  const matter = node(CENTER).services.reference.catalogue.get(CERTIFICATE)!;
  const required = matter.materials.filter((m) => m.necessity === 'required').map((m) => m.id);
  const accepted = await center.post('/api/cases', {
    matterCode: CERTIFICATE,
    applicant: APPLICANT,
    received: required.filter((m) => m !== 'household-register'),
    commitments: ['household-register'],
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  const id = accepted.body.id as string;
  expect(accepted.body.checkBy).toBeDefined();
  expect((await center.post(`/api/cases/${id}/events`, { kind: 'forwarded', to: DEPT })).status).toBe(201);
  await eventually(() => node(DEPT).services.index.get(id)?.holder === DEPT, 15_000, 'case at the federation');
  const done = await dept.post(`/api/cases/${id}/events`, { kind: 'completed', result: '准予核发' });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return { id, licence: done.body.licences[0].number };
}

describe('告知承诺 核查', () => {
  it('lists the commitment at the office holding the case, due within days; only that office records the check', async () => {
    const { id, licence } = await certificateIssued();
    const due = (await dept.get('/api/commitments')).body;
    expect(due).toMatchObject({ office: DEPT, dueWithinDays: 3 });
    expect(due.items).toEqual([
      expect.objectContaining({
        id,
        status: 'completed',
        licences: [licence],
        commitments: [
          expect.objectContaining({ id: 'household-register', name: '居民户口簿', signedBy: APPLICANT.name }),
        ],
        due: 'due',
      }),
    ]);
    // The center accepted it but no longer holds it: not in its list, and its check is refused.
    expect((await center.get('/api/commitments')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const notHeld = await center.post(`/api/cases/${id}/events`, {
      kind: 'commitment-checked',
      outcome: 'false',
      note: '冒名',
    });
    expect([notHeld.status, notHeld.body.error.code]).toEqual([409, 'ERR_NOT_RESPONSIBLE']);
    const noNote = await dept.post(`/api/cases/${id}/events`, { kind: 'commitment-checked', outcome: 'false' });
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body.error.issues)).toContain('note');
    // Anyone but staff: refused.
    expect((await client(node(DEPT).url).get('/api/commitments')).status).toBe(401);
  });

  it('found untrue: the result is void, the licence revoked at every hall, the applicant told by SMS; a second check is refused', async () => {
    const { id, licence } = await certificateIssued();
    const checked = await dept.post(`/api/cases/${id}/events`, {
      kind: 'commitment-checked',
      outcome: 'false',
      note: '经公安户籍数据比对，户籍不在本区',
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(201);
    expect(checked.body.commitmentCheck).toMatchObject({ outcome: 'false', by: { org: DEPT } });
    expect((await dept.get(`/api/licences/${licence}`)).body).toMatchObject({ status: 'ERR_LICENCE_REVOKED' });
    for (const org of [CENTER, DEPT])
      await eventually(
        async () => (await client(node(org).url).get(`/api/licences/${licence}`)).body.status === 'ERR_LICENCE_REVOKED',
        15_000,
        `licence revoked at ${org}`,
      );
    const told = await eventually(
      () => texts(APPLICANT.phone).find((t) => t.includes('告知承诺经核查与实际不符')),
      20_000,
      'SMS of the false commitment',
    );
    expect(told).toContain('经公安户籍数据比对，户籍不在本区');
    expect(told).toContain('办理结果已撤销');
    expect((await dept.get('/api/commitments')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const again = await dept.post(`/api/cases/${id}/events`, {
      kind: 'commitment-checked',
      outcome: 'true',
      note: '复核',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'ERR_CASE_STATE']);
    // The same check again (a double click) is answered as done, adding nothing.
    const repeat = await dept.post(`/api/cases/${id}/events`, {
      kind: 'commitment-checked',
      outcome: 'false',
      note: '经公安户籍数据比对，户籍不在本区',
    });
    expect(repeat.status).toBe(200);
    expect(
      node(DEPT)
        .services.index.get(id)!
        .events.filter((e) => e.kind === 'commitment-checked'),
    ).toHaveLength(1);
  });

  it('found true: the result stands; a case without commitments has nothing to check', async () => {
    const { id, licence } = await certificateIssued();
    const checked = await dept.post(`/api/cases/${id}/events`, {
      kind: 'commitment-checked',
      outcome: 'true',
      note: '属实',
    });
    expect(checked.status).toBe(201);
    await eventually(
      async () => (await dept.get(`/api/licences/${licence}`)).body.status === 'valid',
      15_000,
      'licence valid',
    );
    const matter = node(CENTER).services.reference.catalogue.get(ASSISTANCE)!;
    const plain = await center.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: OTHER_APPLICANT,
      received: matter.materials.filter((m) => m.necessity === 'required').map((m) => m.id),
    });
    const none = await center.post(`/api/cases/${plain.body.id}/events`, {
      kind: 'commitment-checked',
      outcome: 'true',
      note: '属实',
    });
    expect([none.status, none.body.error.code]).toEqual([409, 'ERR_CASE_STATE']);
  });

  it('an open case whose commitment proves untrue ends as 不予受理 with the reason', async () => {
    const matter = node(CENTER).services.reference.catalogue.get(ASSISTANCE)!;
    const accepted = await center.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: OTHER_APPLICANT,
      received: matter.materials.filter((m) => m.necessity === 'required').map((m) => m.id),
      commitments: ['income-proof'],
    });
    expect(accepted.status).toBe(201);
    const checked = await center.post(`/api/cases/${accepted.body.id}/events`, {
      kind: 'commitment-checked',
      outcome: 'false',
      note: '有工资收入未申报',
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(201);
    expect(checked.body).toMatchObject({ status: 'rejected', reason: '告知承诺经核查不实：有工资收入未申报' });
    await eventually(
      () => texts(OTHER_APPLICANT.phone).some((t) => t.includes('有工资收入未申报')),
      20_000,
      'SMS to the second applicant',
    );
  });
});

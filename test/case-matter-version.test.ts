import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import type { Matter } from '../sync/index.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { APPLICANT, OTHER_APPLICANT } from './support/fixtures.js';
import { acceptApplication, applyOnline } from './support/online-application.js';
import { signUpResident } from './support/sign-up-resident.js';
import { matterFields } from './support/matter-fields.js';
import { tempDir } from './support/temp-dir.js';

// The center (two catalogue admins and a window) and the disabled persons' federation that decides 残疾人证.
const CENTER = 'dongcheng';
const DEPT = 'dongcheng/dept/disabled';
const PASSWORD = 'version-pass-1';
const ONE = { account: 'cat.one', name: '目录管理员甲', password: PASSWORD, roles: ['admin' as const] };
const TWO = { account: 'cat.two', name: '目录管理员乙', password: PASSWORD, roles: ['admin' as const] };
const CLERK = { account: 'clerk', name: '窗口甲', password: PASSWORD, roles: ['clerk' as const] };
const ASSISTANCE = 'DC-MZ-001'; // 最低生活保障: 容缺 for the income proof
const CERTIFICATE = 'DC-CL-001'; // 残疾人证核发: online, issues a licence
const ZHANG = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', password: 'resident-pass-1' };
const NEW_LICENCE_NAME = '残疾人证（第三代）';

const dir = tempDir('hallnet-case-version-');
let district: RunningDistrict;
let one: Client;
let two: Client;
const clerks = new Map<string, Client>();
const node = (org: string) => district.nodes.get(org)!;
const url = (org: string) => node(org).url;
const catalogueAt = (org: string) => node(org).services.reference.catalogue;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** The deadline `days` working days after `from`, by the center's calendar. */
const deadline = (from: string, days: number) =>
  node(CENTER).services.reference.calendar.deadline(new Date(from), days);

/** A matter's fields as a draft proposes them, each required material with its source (the reform's check). */
function fieldsOf(m: Matter): Record<string, unknown> {
  return {
    ...matterFields(m),
    materials: m.materials.map((x) => (x.necessity === 'required' && !x.form ? { ...x, source: '申请人自备' } : x)),
  };
}

/** Drafts, reviews (by the second admin) and publishes the next version of `code`, in force today; waits until every hall holds it. */
async function publish(code: string, change: (fields: Record<string, unknown>) => Record<string, unknown>) {
  const current = catalogueAt(CENTER).get(code)!;
  const next = current.version + 1;
  const fields = change(fieldsOf(current));
  const draft = await one.post('/api/catalogue-drafts', { code, matter: fields, effectiveFrom: today() });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await two.post(`/api/catalogue-drafts/${code}/${next}/approve`)).status).toBe(200);
  const published = await one.post(`/api/catalogue-drafts/${code}/${next}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  for (const org of [CENTER, DEPT])
    await eventually(() => catalogueAt(org).get(code)?.version === next, 20_000, `${code} version ${next} at ${org}`);
}

/** Forwards a case from the center's window to the federation, which completes it; the licence it issued. */
async function completeAtDepartment(caseId: string): Promise<{ number: string; licenceName: string }> {
  const forwarded = await clerks.get(CENTER)!.post(`/api/cases/${caseId}/events`, { kind: 'forwarded', to: DEPT });
  expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(201);
  await eventually(() => node(DEPT).services.index.get(caseId)?.holder === DEPT, 20_000, 'case at the federation');
  const done = await clerks.get(DEPT)!.post(`/api/cases/${caseId}/events`, { kind: 'completed', result: '准予核发' });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  const number = done.body.licences[0].number as string;
  // Issued at the federation, admitted by the hub's write rule, held at the center.
  const held = await eventually(
    async () => await node(CENTER).services.licences.get(number),
    20_000,
    `licence ${number} at the center`,
  );
  return { number, licenceName: held.licenceName };
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER, staff: [ONE, TWO, CLERK] },
      { org: DEPT, staff: [CLERK] },
    ],
  });
  for (const org of [CENTER, DEPT]) {
    await eventually(() => catalogueAt(org).get(CERTIFICATE) && catalogueAt(org).get(ASSISTANCE), 20_000, org);
    clerks.set(org, await clerkClient(url(org), CLERK.account, PASSWORD));
  }
  one = await clerkClient(url(CENTER), ONE.account, PASSWORD);
  two = await clerkClient(url(CENTER), TWO.account, PASSWORD);
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('an open case follows the matter version it was accepted under', () => {
  it('容缺 make-up and the deadline: the open case keeps its rules, a new case gets the new ones', async () => {
    const v1 = catalogueAt(CENTER).get(ASSISTANCE)!;
    expect([v1.version, v1.allowsMakeUp, v1.promisedDays]).toEqual([1, true, 20]);
    const required = v1.materials.filter((m) => m.necessity === 'required').map((m) => m.id);
    const open = await clerks.get(CENTER)!.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: APPLICANT,
      received: required,
    });
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    expect(open.body.outstanding).toEqual([{ id: 'income-proof', name: '家庭成员收入证明' }]);

    // Version 2: the income proof becomes a required statement of another id, no 容缺, 15 days.
    await publish(ASSISTANCE, (f) => ({
      ...f,
      allowsMakeUp: false,
      promisedDays: 15,
      materials: (f.materials as { id: string }[]).map((m) =>
        m.id === 'income-proof'
          ? {
              id: 'income-statement',
              name: '家庭收入申报表',
              necessity: 'required',
              originals: 1,
              copies: 0,
              source: '申请人自备',
            }
          : m,
      ),
    }));

    // The open case is made up with the material of its own version, and keeps its promised date.
    const madeUp = await clerks
      .get(CENTER)!
      .post(`/api/cases/${open.body.id}/events`, { kind: 'material-received', materialId: 'income-proof' });
    expect(madeUp.status, JSON.stringify(madeUp.body)).toBe(201);
    expect(madeUp.body).toMatchObject({ matterVersion: 1, outstanding: [], promisedBy: open.body.promisedBy });
    expect(madeUp.body.promisedBy).toBe(deadline(open.body.acceptedAt, 20));
    expect(madeUp.body.matterMaterials.map((m: { id: string }) => m.id)).toContain('income-proof');
    const notOurs = await clerks
      .get(CENTER)!
      .post(`/api/cases/${open.body.id}/events`, { kind: 'material-received', materialId: 'income-statement' });
    expect(notOurs.status).toBe(400);

    // A new case is under version 2: no 容缺 for the statement, 15 days.
    const short = await clerks.get(CENTER)!.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: OTHER_APPLICANT,
      received: required,
    });
    expect([short.status, short.body.error?.code]).toEqual([422, 'ERR_CASE_MATERIAL_MISSING']);
    const fresh = await clerks.get(CENTER)!.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: OTHER_APPLICANT,
      received: [...required, 'income-statement'],
    });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body).toMatchObject({ matterVersion: 2, outstanding: [] });
    expect(fresh.body.promisedBy).toBe(deadline(fresh.body.acceptedAt, 15));
  });

  it('预审 and the licence: an application made under version 1 is accepted and issued under it; a new case under version 2', async () => {
    const v1 = catalogueAt(CENTER).get(CERTIFICATE)!;
    expect([v1.version, v1.promisedDays, v1.issues?.[0]?.name]).toEqual([1, 15, '中华人民共和国残疾人证']);
    const required = v1.materials.filter((m) => m.necessity === 'required').map((m) => m.id);
    expect((await signUpResident(url(CENTER), join(dir.path, 'hub'), ZHANG)).status).toBe(201);
    const token = (
      await client(url(CENTER)).post('/identity/login', {
        kind: 'resident',
        login: ZHANG.phone,
        password: ZHANG.password,
      })
    ).body.accessToken as string;
    const applied = await applyOnline(url(CENTER), token, CERTIFICATE, required);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({ status: 'pre-review', matterVersion: 1 });

    // Version 2: a further required photo, 10 days, the licence under a new name.
    await publish(CERTIFICATE, (f) => ({
      ...f,
      promisedDays: 10,
      materials: [
        ...(f.materials as object[]),
        {
          id: 'photo-2inch',
          name: '近期二寸免冠照片',
          necessity: 'required',
          originals: 2,
          copies: 0,
          source: '申请人自备',
        },
      ],
      issues: [{ ...(f.issues as object[])[0], name: NEW_LICENCE_NAME }],
    }));

    // 预审 checks the application against its own version: complete, 15 days from acceptance.
    const accepted = await acceptApplication(clerks.get(CENTER)!, applied.body.id);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'processing', matterVersion: 1 });
    expect(accepted.body.promisedBy).toBe(deadline(accepted.body.acceptedAt, 15));
    const old = await completeAtDepartment(applied.body.id);
    expect(old.licenceName).toBe('中华人民共和国残疾人证');

    // A new case at the window is under version 2: the photo is asked for, 10 days, the new licence.
    const fresh = await clerks.get(CENTER)!.post('/api/cases', {
      matterCode: CERTIFICATE,
      applicant: OTHER_APPLICANT,
      received: [...required, 'photo-2inch'],
    });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body.matterVersion).toBe(2);
    expect(fresh.body.promisedBy).toBe(deadline(fresh.body.acceptedAt, 10));
    const renewed = await completeAtDepartment(fresh.body.id);
    expect(renewed.licenceName).toBe(NEW_LICENCE_NAME);
  });

  it("the write rule judges an open case's licences by its own version, at the node and at the hub", async () => {
    // Version 2 is in force (the test above): a ten-year card. A case is accepted under it.
    const v2 = catalogueAt(CENTER).get(CERTIFICATE)!;
    expect([v2.version, v2.issues?.[0]?.validYears]).toEqual([2, 10]);
    const required = v2.materials.filter((m) => m.necessity === 'required').map((m) => m.id);
    const open = await clerks.get(CENTER)!.post('/api/cases', {
      matterCode: CERTIFICATE,
      applicant: { ...APPLICANT, name: '王五', idNumber: '110101198001010053', phone: '13700137000' },
      received: required,
    });
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    expect(open.body.matterVersion).toBe(2);

    // Version 3 shortens the card to five years. The open case still issues its ten-year card: the
    // federation's own rule and the hub's admit it, and the center holds it.
    await publish(CERTIFICATE, (f) => ({
      ...f,
      issues: [{ ...(f.issues as object[])[0], validYears: 5 }],
    }));
    const issued = await completeAtDepartment(open.body.id);
    const held = await node(CENTER).services.licences.get(issued.number);
    const years = (Date.parse(held!.validUntil!) - Date.parse(held!.issuedAt)) / (365.25 * 86_400_000);
    expect(Math.round(years)).toBe(10);
  });
});

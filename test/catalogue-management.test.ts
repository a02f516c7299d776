import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import type { Matter } from '../sync/index.js';
import { clerkClient, client, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { APPLICANT, OTHER_APPLICANT } from './support/fixtures.js';
import { matterFields } from './support/matter-fields.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const PASSWORD = 'catalogue-pass-1';
const ONE = { account: 'cat.one', name: '目录管理员甲', password: PASSWORD, roles: ['admin' as const] };
const TWO = { account: 'cat.two', name: '目录管理员乙', password: PASSWORD, roles: ['admin' as const] };
const STREET_ADMIN = { account: 'street.admin', name: '街道管理员', password: PASSWORD, roles: ['admin' as const] };
const CLERK = { account: 'clerk.a', name: '窗口甲', password: PASSWORD, roles: ['clerk' as const] };
const NATIONAL = '11110101000000000000000000000101';
const FORM = new TextEncoder().encode('%PDF-1.4\n% 残疾人证申请表 (blank)\n%%EOF\n');

const dir = tempDir('hallnet-catalogue-');
let district: RunningDistrict;
let lineOfA: FaultProxy;
const url = (org: string) => district.nodes.get(org)!.url;
const catalogueAt = (org: string) => district.nodes.get(org)!.services.reference.catalogue;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const dayAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00+08:00`) + days * 86_400_000).toISOString().slice(0, 10);

const fieldsOf = matterFields;

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER, staff: [ONE, TWO] },
      { org: STREET, staff: [STREET_ADMIN] },
      {
        org: A,
        staff: [CLERK],
        line: async (hubUrl) => {
          lineOfA = await startFaultProxy(Number(new URL(hubUrl).port));
          return lineOfA.url;
        },
      },
    ],
  });
  for (const org of [CENTER, STREET, A])
    await eventually(() => catalogueAt(org).size > 40, 20_000, `catalogue at ${org}`);
}, 60_000);

afterAll(async () => {
  await district?.close();
  await lineOfA?.close();
  dir.remove();
});

describe('事项管理: the district drafts, reviews and publishes versions of its matters', () => {
  let one: Client;
  let two: Client;
  let matter: Matter;
  let v2: Record<string, unknown>;
  let earlierCase: string;

  it('refuses, writing nothing: a street admin, a catch-all clause, a required material without source, a past date, publication unreviewed, review by the drafter', async () => {
    one = await clerkClient(url(CENTER), ONE.account, PASSWORD);
    two = await clerkClient(url(CENTER), TWO.account, PASSWORD);
    matter = catalogueAt(A).search({ q: '残疾人证核发' })[0]!;
    expect(matter.version).toBe(1);
    const required = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const clerk = await clerkClient(url(A), CLERK.account, PASSWORD);
    const accepted = await clerk.post('/api/cases', {
      matterCode: matter.code,
      applicant: APPLICANT,
      received: required,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    earlierCase = accepted.body.id;

    // The reform: every material named, each required one with its source or a sample form.
    v2 = {
      ...fieldsOf(matter),
      nationalCode: NATIONAL,
      materials: [
        ...matter.materials.map((m) => (m.necessity === 'required' && !m.form ? { ...m, source: '申请人自备' } : m)),
        {
          id: 'photo-2inch',
          name: '近期二寸免冠照片',
          necessity: 'required',
          originals: 2,
          copies: 0,
          source: '申请人自备',
        },
      ],
    };
    const street = await clerkClient(url(STREET), STREET_ADMIN.account, PASSWORD);
    const byStreet = await street.post('/api/catalogue-drafts', {
      code: matter.code,
      matter: v2,
      effectiveFrom: today(),
    });
    expect(byStreet.status).toBe(403);

    const catchAll = await one.post('/api/catalogue-drafts', {
      code: matter.code,
      matter: {
        ...v2,
        materials: [
          ...(v2.materials as object[]),
          { id: 'other', name: '其他相关材料', necessity: 'optional', originals: 1, copies: 0 },
        ],
      },
      effectiveFrom: today(),
    });
    expect([catchAll.status, catchAll.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
    const lastIndex = (v2.materials as object[]).length;
    expect(catchAll.body.error.issues).toContainEqual({
      field: `body.matter.materials.${lastIndex}.name`,
      reason: expect.stringContaining('不得使用兜底条款'),
    });
    expect(catchAll.body.error.message).toMatchObject({ zh: '输入有误', en: expect.stringContaining('invalid input') });

    const noSource = await one.post('/api/catalogue-drafts', {
      code: matter.code,
      matter: {
        ...v2,
        materials: [
          ...(v2.materials as object[]),
          { id: 'proof-x', name: '收入证明', necessity: 'required', originals: 1, copies: 0 },
        ],
      },
      effectiveFrom: today(),
    });
    expect(noSource.body.error.issues).toContainEqual({
      field: `body.matter.materials.${lastIndex}.source`,
      reason: expect.stringContaining('必需材料须注明来源渠道或提供样表'),
    });

    const past = await one.post('/api/catalogue-drafts', {
      code: matter.code,
      matter: v2,
      effectiveFrom: dayAfter(today(), -1),
    });
    expect([past.status, past.body.error.issues[0].field]).toEqual([400, 'body.effectiveFrom']);
    expect(past.body.error.issues[0].reason).toContain('生效日期不能早于今天');
    expect((await one.get('/api/catalogue-drafts')).body.items).toEqual([]);

    const draft = await one.post('/api/catalogue-drafts', { code: matter.code, matter: v2, effectiveFrom: today() });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({
      code: matter.code,
      version: 2,
      state: 'draft',
      drafter: { id: `staff:${ONE.account}` },
    });
    const unreviewed = await one.post(`/api/catalogue-drafts/${matter.code}/2/publish`);
    expect([unreviewed.status, unreviewed.body.error.code]).toEqual([409, 'ERR_DRAFT_NOT_REVIEWED']);
    expect(unreviewed.body.error.message.zh).toContain('审核');
    const selfReview = await one.post(`/api/catalogue-drafts/${matter.code}/2/approve`);
    expect([selfReview.status, selfReview.body.error.code]).toEqual([409, 'ERR_REVIEW_BY_DRAFTER']);
    expect(catalogueAt(CENTER).get(matter.code)?.version).toBe(1);
  });

  it('publishes the reviewed version; a community offline meanwhile gets it on reconnect and accepts under it, the earlier case keeps its version', async () => {
    lineOfA.set('reset');
    await eventually(() => !district.nodes.get(A)!.services.sync!.status().connected, 20_000, 'A offline');
    // A blank form travels with the version: uploaded to the draft, downloadable from every hall's guide.
    const token = (
      await client(url(CENTER)).post('/api/auth/staff-login', { account: ONE.account, password: PASSWORD })
    ).body.token as string;
    const put = (type: string) =>
      fetch(
        `${url(CENTER)}/api/catalogue-drafts/${matter.code}/2/files/blank-form?title=${encodeURIComponent('残疾人证申请表')}&kind=blank`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          body: FORM,
        },
      );
    expect((await put('text/html')).status).toBe(400);
    const uploaded = await put('application/pdf');
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    expect(await uploaded.json()).toMatchObject({ id: 'blank-form', kind: 'blank', size: FORM.byteLength });
    const approved = await two.post(`/api/catalogue-drafts/${matter.code}/2/approve`);
    expect(approved.body).toMatchObject({ state: 'approved', review: { by: { id: `staff:${TWO.account}` } } });
    const published = await one.post(`/api/catalogue-drafts/${matter.code}/2/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ state: 'published', published: { by: { id: `staff:${ONE.account}` } } });
    // The center's own reference data takes the version from its replica's feed.
    const guide = await eventually(
      async () => {
        const res = await client(url(CENTER)).get(`/api/catalogue/${matter.code}`);
        return res.body.version === 2 ? res : undefined;
      },
      10_000,
      'version 2 in the center guide',
    );
    expect(guide.body).toMatchObject({ version: 2, effectiveFrom: today(), nationalCode: NATIONAL });
    expect(catalogueAt(A).get(matter.code)?.version).toBe(1);

    lineOfA.set('pass');
    await eventually(() => catalogueAt(A).get(matter.code)?.version === 2, 30_000, 'version 2 at A');
    const download = await fetch(`${url(A)}/guide/${matter.code}/files/blank-form`);
    expect([download.status, download.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(FORM);
    const page = await (await fetch(`${url(A)}/guide/${matter.code}`)).text();
    expect(page).toContain('空白表格：残疾人证申请表');
    const clerk = await clerkClient(url(A), CLERK.account, PASSWORD);
    const v1Materials = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const short = await clerk.post('/api/cases', {
      matterCode: matter.code,
      applicant: OTHER_APPLICANT,
      received: v1Materials,
    });
    expect([short.status, short.body.error.code]).toEqual([422, 'ERR_CASE_MATERIAL_MISSING']);
    const accepted = await clerk.post('/api/cases', {
      matterCode: matter.code,
      applicant: OTHER_APPLICANT,
      received: [...v1Materials, 'photo-2inch'],
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({ matterVersion: 2 });

    const earlier = await clerk.get(`/api/cases/${earlierCase}`);
    expect(earlier.body.matterVersion).toBe(1);
    expect(earlier.body.received.map((r: { id: string }) => r.id)).not.toContain('photo-2inch');
    expect(earlier.body.matterMaterials.map((m: { id: string }) => m.id)).not.toContain('photo-2inch');
    const later = await clerk.get(`/api/cases/${accepted.body.id}`);
    expect(later.body.matterMaterials.map((m: { id: string }) => m.id)).toContain('photo-2inch');
  });

  it('retires the matter from a later date: the guide keeps it until then', async () => {
    const retire = await one.post('/api/catalogue-drafts', {
      code: matter.code,
      retire: true,
      effectiveFrom: dayAfter(today(), 1),
    });
    expect(retire.status, JSON.stringify(retire.body)).toBe(201);
    expect((await two.post(`/api/catalogue-drafts/${matter.code}/3/approve`)).status).toBe(200);
    expect((await two.post(`/api/catalogue-drafts/${matter.code}/3/publish`)).status).toBe(200);
    await eventually(() => catalogueAt(CENTER).latest(matter.code)?.version === 3, 10_000, 'version 3 at the center');
    expect(catalogueAt(CENTER).latest(matter.code)).toMatchObject({
      version: 3,
      retired: true,
      effectiveFrom: dayAfter(today(), 1),
    });
    // Still in force today.
    expect((await client(url(CENTER)).get(`/api/catalogue/${matter.code}`)).body.version).toBe(2);
    const list = (await one.get('/api/catalogue-drafts')).body.items;
    expect(list.map((d: { version: number; state: string }) => [d.version, d.state])).toEqual([
      [2, 'published'],
      [3, 'published'],
    ]);
    // A published draft stays as it is.
    const edit = await one.put(`/api/catalogue-drafts/${matter.code}/2`, { matter: v2, effectiveFrom: today() });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'ERR_DRAFT_STATE']);
  });
});

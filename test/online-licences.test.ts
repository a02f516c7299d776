import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { startSmsGateway } from '../identity/testing/sms-gateway.js';
import { licenceDocId, type LicenceDoc } from '../sync/index.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { acceptApplication, applyOnline, postForm, scan } from './support/online-application.js';
import { signUpResident } from './support/sign-up-resident.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';
import { DISTRICT_ADMIN } from './support/fixtures.js';

// A hub, the center, two streets with a community each, and the disabled persons' federation.
const CENTER = 'dongcheng';
const JS = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const DHM = 'dongcheng/donghuamen';
const B = 'dongcheng/donghuamen/nanchizi';
const DEPT = 'dongcheng/dept/disabled';
const ORGS = [CENTER, JS, A, DHM, B, DEPT];
const CERTIFICATE = 'DC-CL-001';
const ALLOWANCE = 'DC-CL-003';
const ZHANG = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', password: 'resident-pass-1' };
const LI = {
  kind: 'person' as const,
  name: '李四',
  idType: 'resident-id' as const,
  idNumber: '110101199003074477',
  phone: '13900139000',
};
const WANG = {
  kind: 'person' as const,
  name: '王五',
  idType: 'resident-id' as const,
  idNumber: '11010119580312004X',
  phone: '13700137000',
};

const dir = tempDir();
let district: RunningDistrict;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
const clerks = new Map<string, Client>();
const node = (org: string) => district.nodes.get(org)!;
const url = (org: string) => node(org).url;
let token = '';
let caseId = '';
let licence = '';

/** The SMS texts sent to a phone so far. */
const texts = (phone: string) =>
  sms.received.filter((r) => r.body.phone === phone).map((r) => r.body.params.text ?? '');

beforeAll(async () => {
  sms = await startSmsGateway();
  district = await startDistrict({
    dir: dir.path,
    smsUrl: sms.url,
    identityStaff: [DISTRICT_ADMIN],
    nodes: ORGS.map((org) => ({
      org,
      staff: [
        { account: 'clerk', name: org === A ? '刘窗口' : '经办人', roles: ['clerk' as const], password: PASSWORD },
      ],
    })),
  });
  for (const org of ORGS) {
    await eventually(
      () => node(org).services.reference.jwks && node(org).services.reference.catalogue.get(ALLOWANCE),
      20_000,
      `keys and catalogue at ${org}`,
    );
    clerks.set(org, await clerkClient(url(org), 'clerk', PASSWORD));
  }
  // 张三 signs up, and a clerk at A sees his ID card: verified, his library answers him.
  expect((await signUpResident(url(A), join(dir.path, 'hub'), ZHANG)).status).toBe(201);
  const admin = await client(url(CENTER)).post('/identity/login', {
    kind: 'staff',
    login: DISTRICT_ADMIN.account,
    password: DISTRICT_ADMIN.password,
  });
  await client(url(CENTER), admin.body.accessToken).post('/identity/staff', {
    account: 'counter',
    name: '核验员',
    org: A,
    roles: ['clerk'],
    password: 'counter-pass-1',
  });
  const counter = await client(url(A)).post('/identity/login', {
    kind: 'staff',
    login: 'counter',
    password: 'counter-pass-1',
  });
  expect(
    (
      await client(url(A), counter.body.accessToken).post('/identity/residents/verify', {
        idNumber: ZHANG.idNumber,
        name: ZHANG.name,
        phone: ZHANG.phone,
      })
    ).status,
  ).toBe(200);
  token = (
    await client(url(A)).post('/identity/login', { kind: 'resident', login: ZHANG.phone, password: ZHANG.password })
  ).body.accessToken;
}, 120_000);

afterAll(async () => {
  await district?.close();
  await sms?.close();
  dir.remove();
});

const REQUIRED = ['certificate-application', 'id-card', 'household-register', 'photo'];

describe('网上申请 with uploads → 预审 → accepted → completed → 电子证照 → 免提交 at another hall', () => {
  it('refuses a forbidden type (415) and an oversized file (413), naming the limit in Chinese, and writes nothing', async () => {
    const html = await postForm(
      `${url(A)}/api/online/applications`,
      token,
      { matterCode: CERTIFICATE },
      { 'id-card': { bytes: new TextEncoder().encode('<script>alert(1)</script>'), type: 'image/png' } },
    );
    expect(html.status).toBe(415);
    expect(JSON.stringify(html.body)).toContain('仅限 PDF、JPEG、PNG');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(scan());
    const huge = await postForm(
      `${url(A)}/api/online/applications`,
      token,
      { matterCode: CERTIFICATE },
      { photo: { bytes: big, type: 'image/png' } },
    );
    expect(huge.status).toBe(413);
    expect(JSON.stringify(huge.body)).toContain('不得超过 10 MB');
    expect([...node(A).services.index.values()].filter((c) => c.applicant.idNumber === ZHANG.idNumber)).toEqual([]);
  });

  it('starts the application in 预审 at the hall that handles it, with no deadline, and refuses a second one naming the open case', async () => {
    const res = await applyOnline(url(A), token, CERTIFICATE, REQUIRED);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pre-review',
      channel: 'online',
      scope: A,
      light: null,
      appliedBy: { id: expect.stringMatching(/^resident:/), name: ZHANG.name },
    });
    expect(res.body.promisedBy).toBeUndefined();
    expect(res.body.files.map((f: { level: string }) => f.level)).toEqual(['C', 'C', 'C', 'C']);
    caseId = res.body.id;
    const again = await applyOnline(url(A), token, CERTIFICATE, REQUIRED);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'ERR_APPLICATION_OPEN',
      detail: { caseId, queryCode: res.body.queryCode, link: `/portal/applications/${caseId}` },
    });
    // The page shows the Chinese after " / ": the query code the resident knows, never the case id.
    expect(again.body.error.issues).toEqual([
      {
        field: 'matterCode',
        reason: `case ${res.body.queryCode} is open / 您已有同一事项正在办理的申请（查询码 ${res.body.queryCode}），请勿重复申请`,
      },
    ]);
    // The clerk's list marks it as online and finds it by name, ID number or code.
    for (const q of [ZHANG.name, ZHANG.idNumber.slice(-6), res.body.queryCode.slice(0, 6)]) {
      const found = await clerks.get(A)!.get(`/api/cases?status=pre-review&q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((c: { id: string; channel: string }) => [c.id, c.channel])).toEqual([
        [caseId, 'online'],
      ]);
    }
  });

  it("lets the clerk ask for more (SMS with the list), takes the resident's addition, then accepts: the deadline starts at acceptance", async () => {
    // Nothing but 预审 moves it: no forwarding before acceptance.
    expect((await clerks.get(A)!.post(`/api/cases/${caseId}/events`, { kind: 'forwarded', to: DEPT })).status).toBe(
      409,
    );
    const ask = await clerks
      .get(A)!
      .post(`/api/cases/${caseId}/review`, { decision: 'amend', materials: ['photo'], note: '照片不清晰，请重新上传' });
    expect(ask.status, JSON.stringify(ask.body)).toBe(201);
    await eventually(
      () => texts(ZHANG.phone).some((t) => t.includes('需补充材料：近期2寸白底免冠彩色照片（照片不清晰，请重新上传）')),
      15_000,
      'amendment SMS',
    );
    const added = await postForm(
      `${url(A)}/api/online/applications/${caseId}/materials`,
      token,
      {},
      { photo: { bytes: scan('photo'), type: 'image/png' } },
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.amendment).toBeUndefined();
    const before = Date.now();
    const accepted = await acceptApplication(clerks.get(A)!, caseId);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({
      status: 'processing',
      acceptedBy: { id: 'staff:clerk', name: '刘窗口', org: A },
      appliedBy: { name: ZHANG.name },
      light: 'green',
    });
    expect(Date.parse(accepted.body.acceptedAt)).toBeGreaterThanOrEqual(before - 1000);
    await eventually(() => texts(ZHANG.phone).some((t) => t.includes('已受理')), 15_000, 'acceptance SMS');
  });

  it('completes at the department, which issues the licence into the register every hall holds', async () => {
    // The clerk checks the uploaded household register against the original: B, reusable.
    const files = (await clerks.get(A)!.get(`/api/cases/${caseId}/materials`)).body.items;
    const register = files.find((f: { materialId: string }) => f.materialId === 'household-register');
    expect((await clerks.get(A)!.post(`/api/materials/${encodeURIComponent(register.id)}/check`)).body).toMatchObject({
      level: 'B',
    });
    expect(
      (await clerks.get(A)!.post(`/api/cases/${caseId}/events`, { kind: 'forwarded', to: DEPT, note: '请区残联审核' }))
        .status,
    ).toBe(201);
    await eventually(() => node(DEPT).services.index.get(caseId)?.holder === DEPT, 15_000, 'case at the department');
    const done = await clerks.get(DEPT)!.post(`/api/cases/${caseId}/events`, { kind: 'completed', result: '准予核发' });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.licences).toHaveLength(1);
    licence = done.body.licences[0].number;
    // Public, without personal data, at every hall, and valid there (checked offline against the seal).
    for (const org of ORGS) {
      await eventually(
        async () => (await node(org).services.licences.get(licence)) !== undefined,
        15_000,
        `licence at ${org}`,
      );
      const seen = (await client(url(org)).get(`/api/licences/${licence}`)).body;
      expect(seen).toMatchObject({
        licenceName: '中华人民共和国残疾人证',
        issuerName: expect.any(String),
        status: 'valid',
      });
      expect(JSON.stringify(seen)).not.toContain(ZHANG.idNumber);
    }
    const page = await fetch(`${url(B)}/licences/verify/${licence}`);
    expect(await page.text()).toContain('有效：证照真实');
    await eventually(
      () => texts(ZHANG.phone).some((t) => t.includes(`已签发电子证照（编号${licence}）`)),
      15_000,
      'licence SMS',
    );
  });

  it("shows the resident his licence at a hall of the other street, and that hall's window takes it (and the checked copy) instead of paper", async () => {
    const mine = await client(url(B), token).get(`/api/my/library?matter=${ALLOWANCE}`);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.source).toBe('district');
    expect(mine.body.licences).toMatchObject([{ number: licence, status: 'valid' }]);
    expect(JSON.stringify(mine.body)).not.toContain('"key"');
    const lookup = await clerks
      .get(B)!
      .post('/api/library/lookup', { idType: 'resident-id', idNumber: ZHANG.idNumber, matter: ALLOWANCE });
    expect(lookup.body.offers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ materialId: 'disability-certificate', usable: true, level: 'A', number: licence }),
        expect.objectContaining({ materialId: 'household-register', usable: true, level: 'B' }),
      ]),
    );
    const registerCopy = lookup.body.offers.find((o: { materialId: string }) => o.materialId === 'household-register');
    const applicant = {
      kind: 'person',
      name: ZHANG.name,
      idType: 'resident-id',
      idNumber: ZHANG.idNumber,
      phone: ZHANG.phone,
    };
    const res = await clerks.get(B)!.post('/api/cases', {
      matterCode: ALLOWANCE,
      applicant,
      received: ['allowance-application'],
      library: [
        { materialId: 'disability-certificate', number: licence },
        { materialId: 'household-register', docId: registerCopy.docId },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.received.map((m: { id: string }) => m.id).sort()).toEqual([
      'allowance-application',
      'disability-certificate',
      'household-register',
    ]);
    expect(res.body.library).toMatchObject([
      { materialId: 'disability-certificate', source: 'licence', level: 'A', number: licence },
      { materialId: 'household-register', source: 'material', level: 'B' },
    ]);
    // The district's write rule took it too: the case reaches the center.
    await eventually(() => node(CENTER).services.index.get(res.body.id), 15_000, 'case at the center');
    expect(node(B).services.sync?.status().refused ?? []).toEqual([]);
  });
});

describe('licences that are not valid: shown invalid everywhere, never taken as a material', () => {
  /** A licence issued to `who` at the department, after a window case at the center; its holder key from the case. */
  async function issue(who: typeof LI, extra: object = {}): Promise<{ number: string; key: string }> {
    const matter = node(CENTER).services.reference.catalogue.get(CERTIFICATE)!;
    const accepted = await clerks.get(CENTER)!.post('/api/cases', {
      matterCode: CERTIFICATE,
      applicant: who,
      received: matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id),
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const id = accepted.body.id;
    expect((await clerks.get(CENTER)!.post(`/api/cases/${id}/events`, { kind: 'forwarded', to: DEPT })).status).toBe(
      201,
    );
    await eventually(() => node(DEPT).services.index.get(id)?.holder === DEPT, 15_000, 'case at the department');
    const done = await clerks.get(DEPT)!.post(`/api/cases/${id}/events`, { kind: 'completed', ...extra });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    const [l] = node(DEPT).services.index.get(id)!.licences;
    await eventually(
      async () => (await node(B).services.licences.get(l!.number)) !== undefined,
      15_000,
      'licence at B',
    );
    return { number: l!.number, key: l!.key };
  }
  const takeAtB = (who: typeof LI, l: { number: string; key: string }) =>
    clerks.get(B)!.post('/api/cases', {
      matterCode: ALLOWANCE,
      applicant: who,
      received: ['allowance-application', 'household-register'],
      library: [{ materialId: 'disability-certificate', ...l }],
    });
  // Polled at the hall's register itself: the public endpoint allows an address 60 requests a minute.
  const statusAt = async (org: string, number: string) => (await node(org).services.licences.status(number)).status;
  const publicStatusAt = async (org: string, number: string) =>
    (await client(url(org)).get(`/api/licences/${number}`)).body.status;

  it("takes a valid licence by its QR (number and holder key) offline against the register, and refuses another person's", async () => {
    const l = await issue(LI);
    expect((await takeAtB(WANG, l)).body.error.code).toBe('ERR_LIBRARY_ITEM');
    const taken = await takeAtB(LI, l);
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
  });

  it('a revoked licence shows revoked at every hall and is refused as a material', async () => {
    const l = await issue(WANG);
    const revoked = await clerks.get(DEPT)!.post(`/api/licences/${l.number}/revoke`, { reason: '以欺骗手段取得' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    // Another office may not revoke it.
    expect((await clerks.get(B)!.post(`/api/licences/${l.number}/revoke`, { reason: 'x' })).status).toBe(403);
    for (const org of ORGS)
      await eventually(
        async () => (await statusAt(org, l.number)) === 'ERR_LICENCE_REVOKED',
        15_000,
        `revocation at ${org}`,
      );
    for (const org of ORGS) expect(await publicStatusAt(org, l.number)).toBe('ERR_LICENCE_REVOKED');
    expect(await (await fetch(`${url(A)}/licences/verify/${l.number}`)).text()).toContain('无效：已吊销');
    const refused = await takeAtB(WANG, l);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'ERR_LICENCE_INVALID',
      detail: { status: 'ERR_LICENCE_REVOKED' },
    });
  });

  it('an expired licence shows expired and is refused', async () => {
    const l = await issue(
      { ...LI, name: '李四', idNumber: '110105198807161518' },
      { validUntil: new Date(Date.now() + 4000).toISOString() },
    );
    await eventually(async () => (await statusAt(B, l.number)) === 'ERR_LICENCE_EXPIRED', 15_000, 'expiry at B');
    expect(await publicStatusAt(B, l.number)).toBe('ERR_LICENCE_EXPIRED');
    expect((await takeAtB({ ...LI, idNumber: '110105198807161518' }, l)).body.error).toMatchObject({
      code: 'ERR_LICENCE_INVALID',
      detail: { status: 'ERR_LICENCE_EXPIRED' },
    });
  });

  it('a forged licence (its record altered, the seal kept) shows invalid and is refused: the hub stores none, and one planted in a replica is caught by its seal', async () => {
    const l = await issue({ ...LI, idNumber: '110101197511022121' });
    const held = (await node(B).services.licences.get(l.number)) as LicenceDoc & { _rev: string };
    // The department's own node cannot change what it issued: the district refuses it.
    await expect(
      node(DEPT).services.guard.put({
        ...(await node(DEPT).services.licences.get(l.number))!,
        validUntil: '2099-12-31T23:59:59+08:00',
      } as never),
    ).rejects.toMatchObject({ code: 'ERR_WRITE_REFUSED' });
    // A copy altered in B's replica (an old hub, a restored backup): the seal no longer holds.
    const forged = {
      ...held,
      _id: licenceDocId(`${l.number}-X`),
      number: `${l.number}-X`,
      validUntil: '2099-12-31T23:59:59+08:00',
    };
    delete (forged as { _rev?: string })._rev;
    await node(B).services.db.put(forged);
    expect(await publicStatusAt(B, forged.number)).toBe('ERR_LICENCE_SEAL');
    expect(await (await fetch(`${url(B)}/licences/verify/${forged.number}`)).text()).toContain('无效：电子印章无效');
    const refused = await takeAtB({ ...LI, idNumber: '110101197511022121' }, { number: forged.number, key: l.key });
    expect(refused.body.error).toMatchObject({ code: 'ERR_LICENCE_INVALID', detail: { status: 'ERR_LICENCE_SEAL' } });
  });

  it('with the hub down, a hall answers the library from its own replica and says so, and still takes a licence shown by its QR against the register it holds', async () => {
    const l = await issue({ ...LI, idNumber: '110101200001010010' });
    await district.stopHub();
    try {
      const lookup = await clerks
        .get(B)!
        .post('/api/library/lookup', { idType: 'resident-id', idNumber: '110101200001010010', matter: ALLOWANCE });
      expect(lookup.status).toBe(200);
      expect(lookup.body).toMatchObject({ source: 'this-hall', licences: [] });
      const taken = await takeAtB({ ...LI, idNumber: '110101200001010010' }, l);
      expect(taken.status, JSON.stringify(taken.body)).toBe(201);
      expect(taken.body.library).toMatchObject([
        { materialId: 'disability-certificate', level: 'A', number: l.number },
      ]);
    } finally {
      await district.startHub();
    }
  });
});

import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { client, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { OTHER_APPLICANT, DISTRICT_ADMIN } from './support/fixtures.js';
import { applyOnline } from './support/online-application.js';
import { signUpResident } from './support/sign-up-resident.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const B = 'dongcheng/jingshan/jixiang';
const RESIDENT = { name: '赵敏', idNumber: '11010519491231002X', phone: '13800138001', password: 'resident-pass-1' };

const dir = tempDir();
let district: RunningDistrict;
const url = (org: string) => district.nodes.get(org)!.url;

async function residentLogin(at: string, login: string, password: string): Promise<Client> {
  const res = await client(url(at)).post('/identity/login', { kind: 'resident', login, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return client(url(at), res.body.accessToken);
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [CENTER, STREET, A, B].map((org) => ({ org })),
    identityStaff: [DISTRICT_ADMIN],
  });
  for (const org of [CENTER, STREET, A, B]) {
    await eventually(
      () =>
        district.nodes.get(org)!.services.reference.jwks &&
        district.nodes.get(org)!.services.reference.catalogue.size > 40,
      20_000,
      `keys and catalogue at ${org}`,
    );
  }
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('一次登录、全网通办: one login for every hall', () => {
  let caseId: string;

  it('signs up at the district center, starts a case at a community with the same token, and follows it at the street', async () => {
    const signUp = await signUpResident(url(CENTER), join(dir.path, 'hub'), RESIDENT);
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(201);
    const login = await client(url(CENTER)).post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.phone,
      password: RESIDENT.password,
    });
    const matter = district.nodes.get(A)!.services.reference.catalogue.search({ q: '最低生活保障' })[0]!;
    const required = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const applied = await applyOnline(url(A), login.body.accessToken, matter.code, required);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({
      scope: A,
      channel: 'online',
      status: 'pre-review',
      applicant: { name: RESIDENT.name, idNumber: RESIDENT.idNumber },
    });
    caseId = applied.body.id;

    const atStreet = client(url(STREET), login.body.accessToken);
    const followed = await eventually(
      async () => {
        const res = await atStreet.get(`/api/my/cases/${caseId}`);
        return res.status === 200 && res.body;
      },
      15_000,
      'case visible to the resident at the street',
    );
    expect(followed.queryCode).toBe(applied.body.queryCode);
    const mine = await atStreet.get('/api/my/cases');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    // The resident declines courtesy SMS about this case, from the street; it reaches the accepting hall.
    const optOut = await atStreet.post(`/api/my/cases/${caseId}/opt-out`);
    expect(optOut.status).toBe(200);
    await eventually(
      () => district.nodes.get(A)!.services.index.get(caseId)?.noticesOptedOut,
      15_000,
      'opt-out at the accepting hall',
    );
  });

  it("never shows a resident another resident's case, by id, by list or through staff endpoints", async () => {
    const other = { name: '李四', idNumber: OTHER_APPLICANT.idNumber, phone: '13900139001', password: 'other-pass-12' };
    expect((await signUpResident(url(CENTER), join(dir.path, 'hub'), other)).status).toBe(201);
    const intruder = await residentLogin(STREET, other.phone, other.password);
    const byId = await intruder.get(`/api/my/cases/${caseId}`);
    expect(byId.status).toBe(404);
    expect((await intruder.get('/api/my/cases')).body.items).toEqual([]);
    const staffEndpoint = await intruder.get(`/api/cases/${caseId}`);
    expect(staffEndpoint.status).toBe(403);
    // Signing up with a number that is already registered is refused.
    expect((await signUpResident(url(CENTER), join(dir.path, 'hub'), { ...other, phone: '13900139002' })).status).toBe(
      409,
    );
  });

  it('lets a clerk created centrally log in at his community with the hub stopped; his case reaches the street under his name', async () => {
    const admin = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: DISTRICT_ADMIN.account,
      password: DISTRICT_ADMIN.password,
    });
    expect(admin.status).toBe(200);
    const created = await client(url(CENTER), admin.body.accessToken).post('/identity/staff', {
      account: 'clerk-hcg',
      name: '刘窗口',
      org: A,
      roles: ['clerk'],
      password: 'clerk-hcg-pass',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The community pulls its own staff's verifiers (and only theirs) from the identity service.
    await district.stopNode(A);
    await district.startNode(A);
    await eventually(
      async () =>
        (await client(url(A)).post('/api/auth/staff-login', { account: 'clerk-hcg', password: 'clerk-hcg-pass' }))
          .status === 200,
      15_000,
      'verifier pulled',
    );

    await district.stopHub();
    const login = await client(url(A)).post('/api/auth/staff-login', {
      account: 'clerk-hcg',
      password: 'clerk-hcg-pass',
    });
    expect(login.status).toBe(200);
    const clerk = client(url(A), login.body.token);
    const matter = district.nodes.get(A)!.services.reference.catalogue.search({ q: '残疾人证核发' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const accepted = await clerk.post('/api/cases', { matterCode: matter.code, applicant: OTHER_APPLICANT, received });
    expect(accepted.status).toBe(201);
    // The street cannot verify A's offline token: a community's clerk acts at his own station only.
    expect((await client(url(STREET), login.body.token).get('/api/cases')).status).toBe(401);

    await district.startHub();
    const atStreet = await eventually(
      () => district.nodes.get(STREET)!.services.index.get(accepted.body.id),
      20_000,
      'offline case at the street',
    );
    expect(atStreet.acceptedBy).toMatchObject({ id: 'staff:clerk-hcg', name: '刘窗口', org: A });
  });

  it('refuses forged tokens at a node: alg none, HS256 keyed with the public key, a tampered payload, a token of another community', async () => {
    const login = await client(url(CENTER)).post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.phone,
      password: RESIDENT.password,
    });
    const [h, p, sig] = login.body.accessToken.split('.');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const none = `${b64({ alg: 'none', typ: 'at+jwt' })}.${p}.`;
    const jwk = district.nodes.get(A)!.services.reference.jwks!.keys[0]!;
    const hsHeader = b64({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid });
    const hs = `${hsHeader}.${p}.${createHmac('sha256', JSON.stringify(jwk)).update(`${hsHeader}.${p}`).digest('base64url')}`;
    const tampered = `${h}.${b64({ ...payload, idNumber: OTHER_APPLICANT.idNumber })}.${sig}`;
    for (const token of [none, hs, tampered]) {
      const res = await client(url(A), token).get('/api/my/cases');
      expect(res.status).toBe(401);
    }
    // A clerk's token from community A's node does not work at community B.
    const a = await client(url(A)).post('/api/auth/staff-login', { account: 'clerk-hcg', password: 'clerk-hcg-pass' });
    expect((await client(url(B), a.body.token).get('/api/cases')).status).toBe(401);
    // A central staff token of community A is refused on B's staff endpoints.
    const admin = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: DISTRICT_ADMIN.account,
      password: DISTRICT_ADMIN.password,
    });
    await client(url(CENTER), admin.body.accessToken).post('/identity/staff', {
      account: 'clerk-a2',
      name: '陈窗口',
      org: A,
      roles: ['clerk'],
      password: 'clerk-a2-pass',
    });
    const central = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: 'clerk-a2',
      password: 'clerk-a2-pass',
    });
    expect((await client(url(A), central.body.accessToken).get('/api/cases')).status).toBe(200);
    expect((await client(url(B), central.body.accessToken).get('/api/cases')).status).toBe(403);
  });

  it('shows a resident the cases clerks accepted for his ID number only once a clerk has verified him in person', async () => {
    // 李四 signed up above; the offline clerk of A accepted a case with his ID number.
    const other = { idNumber: OTHER_APPLICANT.idNumber, name: '李四', phone: '13900139001', password: 'other-pass-12' };
    const before = await residentLogin(STREET, other.phone, other.password);
    expect((await before.get('/api/my/cases')).body).toMatchObject({ verified: false, items: [] });
    const admin = await client(url(CENTER)).post('/identity/login', {
      kind: 'staff',
      login: DISTRICT_ADMIN.account,
      password: DISTRICT_ADMIN.password,
    });
    await client(url(CENTER), admin.body.accessToken).post('/identity/staff', {
      account: 'counter-a',
      name: '核验员',
      org: A,
      roles: ['clerk'],
      password: 'counter-a-pass',
    });
    const counter = await client(url(A)).post('/identity/login', {
      kind: 'staff',
      login: 'counter-a',
      password: 'counter-a-pass',
    });
    // A card that does not match the account is refused: the name is checked, and the phone.
    const wrong = await client(url(A), counter.body.accessToken).post('/identity/residents/verify', {
      ...other,
      phone: '13900139009',
    });
    expect(wrong.status).toBe(400);
    const ok = await client(url(A), counter.body.accessToken).post('/identity/residents/verify', {
      idNumber: other.idNumber,
      name: other.name,
      phone: other.phone,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const after = await residentLogin(STREET, other.phone, other.password);
    const mine = await eventually(
      async () => {
        const res = await after.get('/api/my/cases');
        return res.body.items.length > 0 && res.body;
      },
      15_000,
      'clerk-accepted case visible after verification',
    );
    expect(mine.verified).toBe(true);
    for (const c of mine.items as { id: string }[])
      expect(district.nodes.get(CENTER)!.services.index.get(c.id)?.applicant.idNumber).toBe(other.idNumber);
  });
});

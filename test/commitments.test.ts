import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { APPLICANT, OTHER_APPLICANT } from './support/fixtures.js';
import { acceptApplication, applyOnline } from './support/online-application.js';
import { signUpResident } from './support/sign-up-resident.js';
import { tempDir } from './support/temp-dir.js';

// 告知承诺 (level D): the applicant's signed commitment stands for a material the matter allows it for.
const CENTER = 'dongcheng';
const PASSWORD = 'commitment-pass-1';
const CLERK = { account: 'clerk', name: '窗口甲', password: PASSWORD, roles: ['clerk' as const] };
const ASSISTANCE = 'DC-MZ-001'; // 最低生活保障: the income proof may be a commitment, checked within 15 working days
const CERTIFICATE = 'DC-CL-001'; // 残疾人证核发: no commitment for anything
const REQUIRED = ['assistance-application', 'id-card', 'household-register', 'check-authorisation'];
// Not the window's applicants: his application is his only case of the matter.
const WANG = { name: '王五', idNumber: '11010119580312004X', phone: '13700137000', password: 'resident-pass-1' };

const dir = tempDir('hallnet-commitments-');
let district: RunningDistrict;
let clerk: Client;
const url = () => district.nodes.get(CENTER)!.url;
const services = () => district.nodes.get(CENTER)!.services;
const deadline = (from: string, days: number) => services().reference.calendar.deadline(new Date(from), days);
const casesHeld = () => [...services().index.values()].length;

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: CENTER, staff: [CLERK] }] });
  await eventually(() => services().reference.catalogue.get(ASSISTANCE), 20_000, 'catalogue');
  clerk = await clerkClient(url(), CLERK.account, PASSWORD);
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('告知承诺: a level D material is the applicant signed commitment', () => {
  it('at the window: the clerk records the commitment; the case shows it with the check deadline and owes nothing', async () => {
    const guide = (await client(url()).get(`/api/catalogue/${ASSISTANCE}`)).body;
    expect(guide.materials.find((m: { id: string }) => m.id === 'income-proof')).toMatchObject({ commitment: true });
    expect(guide.commitmentCheckDays).toBe(15);
    const res = await clerk.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: APPLICANT,
      received: REQUIRED,
      commitments: ['income-proof'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.outstanding).toEqual([]);
    expect(res.body.makeUpBy).toBeUndefined();
    expect(res.body.commitments).toEqual([
      {
        materialId: 'income-proof',
        name: '家庭成员收入证明',
        level: 'D',
        signedBy: APPLICANT.name,
        signedAt: res.body.acceptedAt,
        recordedBy: expect.objectContaining({ id: `staff:${CLERK.account}`, org: CENTER }),
        recordedAt: res.body.acceptedAt,
      },
    ]);
    expect(res.body.checkBy).toBe(deadline(res.body.acceptedAt, 15));
    const read = await clerk.get(`/api/cases/${res.body.id}`);
    expect(read.body.commitments.map((c: { materialId: string }) => c.materialId)).toEqual(['income-proof']);
    // Without the commitment the same acceptance owes the proof (容缺), as before.
    const owing = await clerk.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: OTHER_APPLICANT,
      received: REQUIRED,
    });
    expect(owing.body).toMatchObject({ commitments: [], outstanding: [{ id: 'income-proof' }] });
    expect(owing.body.checkBy).toBeUndefined();
  });

  it('refuses a commitment for a material or a matter that does not allow one, writing nothing', async () => {
    const before = casesHeld();
    const idCard = await clerk.post('/api/cases', {
      matterCode: ASSISTANCE,
      applicant: OTHER_APPLICANT,
      received: REQUIRED.filter((m) => m !== 'id-card'),
      commitments: ['id-card'],
    });
    expect([idCard.status, idCard.body.error.code]).toEqual([422, 'ERR_COMMITMENT_NOT_ALLOWED']);
    expect(idCard.body.error.issues).toEqual([
      { field: 'commitments.id-card', reason: expect.stringContaining('不适用告知承诺') },
    ]);
    expect(idCard.body.error.message).toMatchObject({ zh: '该材料不适用告知承诺', en: expect.any(String) });
    const matter = services().reference.catalogue.get(CERTIFICATE)!;
    const other = await clerk.post('/api/cases', {
      matterCode: CERTIFICATE,
      applicant: OTHER_APPLICANT,
      received: matter.materials.filter((m) => m.necessity === 'required').map((m) => m.id),
      commitments: ['photo'],
    });
    expect([other.status, other.body.error.code]).toEqual([422, 'ERR_COMMITMENT_NOT_ALLOWED']);
    expect(casesHeld()).toBe(before);
  });

  it('online: the resident ticks the commitment, recorded in his name and time; 预审 accepts it with the check deadline', async () => {
    expect((await signUpResident(url(), join(dir.path, 'hub'), WANG)).status).toBe(201);
    const token = (
      await client(url()).post('/identity/login', { kind: 'resident', login: WANG.phone, password: WANG.password })
    ).body.accessToken as string;
    const refused = await applyOnline(url(), token, ASSISTANCE, REQUIRED.slice(1), {
      commitments: 'assistance-application',
    });
    expect([refused.status, refused.body.error?.code]).toEqual([422, 'ERR_COMMITMENT_NOT_ALLOWED']);
    const before = Date.now();
    const applied = await applyOnline(url(), token, ASSISTANCE, REQUIRED, { commitments: 'income-proof' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.status).toBe('pre-review');
    expect(applied.body.commitments).toEqual([
      expect.objectContaining({
        materialId: 'income-proof',
        name: '家庭成员收入证明',
        level: 'D',
        signedBy: WANG.name,
        recordedBy: expect.objectContaining({ id: expect.stringMatching(/^resident:/), name: WANG.name }),
      }),
    ]);
    expect(Date.parse(applied.body.commitments[0].signedAt)).toBeGreaterThanOrEqual(before - 1000);
    const accepted = await acceptApplication(clerk, applied.body.id);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'processing', outstanding: [] });
    expect(accepted.body.commitments.map((c: { materialId: string }) => c.materialId)).toEqual(['income-proof']);
    expect(accepted.body.checkBy).toBe(deadline(accepted.body.acceptedAt, 15));
  });
});

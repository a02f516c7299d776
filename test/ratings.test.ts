import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { deviceWithCookie, pairDevice } from './support/rating-device.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { OTHER_APPLICANT } from './support/fixtures.js';
import { ratingDocId } from '../sync/index.js';
import { acceptApplication, applyOnline } from './support/online-application.js';
import { futureMonday } from './support/future-monday.js';
import { signUpResident } from './support/sign-up-resident.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const RESIDENT = { name: '赵敏', idNumber: '11010519491231002X', phone: '13800138001', password: 'resident-pass-1' };
const OTHER = { name: '李四', idNumber: OTHER_APPLICANT.idNumber, phone: '13900139001', password: 'other-pass-12' };
const DAY = 86_400_000;

// The test moves the clock of the whole district, from a Monday morning.
const start = futureMonday();
let now = start;
const day = (offset: number) => new Date(start.getTime() + offset * DAY + 8 * 3600_000).toISOString().slice(0, 10);
const dir = tempDir();
let district: RunningDistrict;
const node = (org: string) => district.nodes.get(org)!;
const staffAt = (org: string, account: string) => clerkClient(node(org).url, account, PASSWORD);
const tokenOf = async (org: string, account: string): Promise<string> =>
  (await client(node(org).url).post('/api/auth/staff-login', { account, password: PASSWORD })).body.token;
async function residentAt(org: string, who: { phone: string; password: string }): Promise<Client> {
  const res = await client(node(org).url).post('/identity/login', {
    kind: 'resident',
    login: who.phone,
    password: who.password,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return client(node(org).url, res.body.accessToken);
}
const ratingDocs = async (org: string) =>
  (await node(org).services.db.allDocs({ startkey: 'rating:', endkey: 'rating:\uffff' })).rows.length;
const cases: string[] = [];

/** An online application of the resident's at A, accepted in 预审 by A's clerk: one per matter, as one may be open at a time. */
async function apply(matterCode: string): Promise<string> {
  const login = await client(node(A).url).post('/identity/login', {
    kind: 'resident',
    login: RESIDENT.phone,
    password: RESIDENT.password,
  });
  const matter = node(A).services.reference.catalogue.get(matterCode)!;
  const res = await applyOnline(
    node(A).url,
    login.body.accessToken,
    matter.code,
    matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await acceptApplication(await staffAt(A, 'clerk'), res.body.id)).status).toBe(201);
  return res.body.id;
}
async function complete(id: string): Promise<void> {
  const res = await (await staffAt(A, 'clerk')).post(`/api/cases/${id}/events`, {
    kind: 'completed',
    result: '审核确认',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    clock: () => now,
    nodes: [
      {
        org: CENTER,
        staff: [{ account: 'supervisor', name: '区效能监察', roles: ['supervisor'], password: PASSWORD }],
      },
      { org: STREET, staff: [{ account: 'supervisor', name: '街道督查', roles: ['supervisor'], password: PASSWORD }] },
      {
        org: A,
        staff: [
          { account: 'clerk', name: '刘窗口', roles: ['clerk'], password: PASSWORD },
          { account: 'other', name: '另一窗口', roles: ['clerk'], password: PASSWORD },
          { account: 'director', name: '站长', roles: ['director'], password: PASSWORD },
        ],
      },
    ],
  });
  for (const org of [CENTER, STREET, A])
    await eventually(
      () => node(org).services.reference.jwks && node(org).services.reference.catalogue.size > 40,
      20_000,
      `keys and catalogue at ${org}`,
    );
  for (const who of [RESIDENT, OTHER])
    expect((await signUpResident(node(CENTER).url, join(dir.path, 'hub'), who)).status).toBe(201);
  for (const code of ['DC-MZ-001', 'DC-MZ-002', 'DC-MZ-005', 'DC-ZJW-001']) cases.push(await apply(code));
}, 90_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('好差评: residents rate their own completed cases, once', () => {
  it('refuses a rating before completion, then takes the resident’s own rating online with a comment', async () => {
    const me = await residentAt(A, RESIDENT);
    const early = await me.post(`/api/my/cases/${cases[0]}/rating`, { level: 'satisfied' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ERR_RATING_NOT_OPEN');
    await complete(cases[0]!);
    expect((await me.get(`/api/my/cases/${cases[0]}/rating`)).body).toMatchObject({ rateable: true, rating: null });
    const rated = await me.post(`/api/my/cases/${cases[0]}/rating`, { level: 'dissatisfied', comment: '等候时间太长' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body).toMatchObject({
      rateable: false,
      rating: { level: 'dissatisfied', levelName: '不满意', comment: '等候时间太长', channel: 'online' },
    });
  });

  it('refuses rating twice, another resident’s case, a guessed case id and a forged link with a clear 4xx, writing nothing', async () => {
    const before = await ratingDocs(A);
    const me = await residentAt(A, RESIDENT);
    const twice = await me.post(`/api/my/cases/${cases[0]}/rating`, { level: 'very-satisfied' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ERR_RATING_EXISTS');
    await complete(cases[1]!);
    const intruder = await residentAt(A, OTHER);
    const notHis = await intruder.post(`/api/my/cases/${cases[1]}/rating`, { level: 'very-dissatisfied' });
    const guessed = await intruder.post(`/api/my/cases/${randomUUID()}/rating`, { level: 'very-dissatisfied' });
    // Another's case and a case that does not exist get the very same answer.
    expect(notHis.status).toBe(404);
    expect(notHis.body.error.code).toBe('ERR_NOT_FOUND');
    expect(guessed.status).toBe(404);
    expect(guessed.body.error.code).toBe('ERR_NOT_FOUND');
    expect((await intruder.get(`/api/my/cases/${cases[1]}/rating`)).status).toBe(404);
    const forged = `${Buffer.from(JSON.stringify({ k: 'case', id: cases[1], via: 'sms', exp: 2e9, n: 'x' })).toString('base64url')}.${'A'.repeat(43)}`;
    const byLink = await client(node(A).url).post(`/api/ratings/links/${forged}`, { level: 'very-dissatisfied' });
    expect(byLink.status).toBe(404);
    expect(byLink.body.error.code).toBe('ERR_NOT_FOUND');
    const badLevel = await me.post(`/api/my/cases/${cases[1]}/rating`, { level: '好' });
    expect(badLevel.status).toBe(400);
    expect(await ratingDocs(A)).toBe(before);
    expect((await me.get(`/api/my/cases/${cases[1]}/rating`)).body).toMatchObject({ rateable: true, rating: null });
  });

  it('rates a completed case and a finished visit on the window’s paired rating device, each once', async () => {
    const director = await staffAt(A, 'director');
    expect((await director.put('/api/queue/windows/w1', { name: '1号窗口', categories: [1, 2, 3] })).status).toBe(200);
    const clerk = await staffAt(A, 'clerk');
    expect((await clerk.post('/api/queue/windows/w1/open')).status).toBe(200);
    // No tablet paired yet: finishing offers nothing (and says so), and an invitation is refused with why.
    const early = await client(node(A).url).post('/api/queue/tickets', { category: 1, via: 'walk-in' });
    expect(early.status, JSON.stringify(early.body)).toBe(201);
    expect((await clerk.post('/api/queue/windows/w1/call')).status).toBe(200);
    const finished = await clerk.post('/api/queue/windows/w1/finish');
    expect(finished.status).toBe(200);
    expect(finished.body.ratingOffer).toBeNull();
    const unpaired = await clerk.post('/api/rating-requests', { window: 'w1', caseId: cases[1] });
    expect(unpaired.status).toBe(409);
    expect(unpaired.body.error.code).toBe('ERR_NO_RATING_DEVICE');
    const device = await pairDevice(node(A).url, clerk, 'w1');
    expect((await device.pending()).body.pending).toBeNull();

    const offered = await clerk.post('/api/rating-requests', { window: 'w1', caseId: cases[1] });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    expect(offered.body.token).toBeUndefined();
    const pending = (await device.pending()).body.pending;
    expect(pending).toMatchObject({ window: 'w1', kind: 'case', title: '特困人员救助供养审核确认' });
    expect(pending.token).toBeUndefined();
    const rated = await device.rate({ level: 'very-satisfied' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(JSON.stringify(rated.body)).not.toContain('very-satisfied');
    const again = await device.rate({ level: 'very-dissatisfied' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ERR_RATING_NOT_OPEN');
    expect((await device.pending()).body.pending).toBeNull();
    expect((await clerk.post('/api/rating-requests', { window: 'w1', caseId: cases[1] })).body.error.code).toBe(
      'ERR_RATING_EXISTS',
    );

    const ticket = await client(node(A).url).post('/api/queue/tickets', { category: 1, via: 'walk-in' });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect((await clerk.post('/api/rating-requests', { window: 'w1', ticketId: ticket.body.id })).body.error.code).toBe(
      'ERR_RATING_NOT_OPEN',
    );
    expect((await clerk.post('/api/queue/windows/w1/call')).status).toBe(200);
    expect((await clerk.post('/api/queue/windows/w1/finish')).status).toBe(200);
    expect((await clerk.post('/api/rating-requests', { window: 'w1', ticketId: ticket.body.id })).status).toBe(201);
    const visit = (await device.pending()).body.pending;
    expect(visit).toMatchObject({ kind: 'visit' });
    expect((await device.rate({ level: 'satisfied', comment: '引导很耐心' })).status).toBe(201);
    expect(node(A).services.supervision.ratingIndex.get(visit.ratingId)).toMatchObject({
      channel: 'device',
      level: 'satisfied',
      subject: { kind: 'visit', clerk: { id: 'staff:clerk' } },
    });
  });

  it('gives what a window offers only to its paired device: not to anyone who reaches the node, nor to a clerk’s logged-in browser', async () => {
    const clerk = await staffAt(A, 'clerk');
    const anon = client(node(A).url);
    // No cookie, a forged one, another window's: nothing to read, nothing to rate.
    for (const path of ['/api/rating-device/w1', '/api/rating-device/w1/stream']) {
      const res = await anon.get(path);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('ERR_DEVICE_NOT_PAIRED');
    }
    const forged = deviceWithCookie(
      node(A).url,
      'w1',
      'hallnet_rating_device=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    expect((await forged.rate({ level: 'very-satisfied' })).status).toBe(401);
    const paired = await pairDevice(node(A).url, clerk, 'w1');
    expect((await deviceWithCookie(node(A).url, 'w2', paired.cookie).pending()).status).toBe(401);
    // The clerk's own browser, with his login beside the device's cookie, cannot rate.
    const fresh = await apply('DC-CL-003');
    await complete(fresh);
    expect((await clerk.post('/api/rating-requests', { window: 'w1', caseId: fresh })).status).toBe(201);
    const clerkToken = await tokenOf(A, 'clerk');
    const byClerk = await paired.rate({ level: 'very-satisfied' }, { authorization: `Bearer ${clerkToken}` });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.error.code).toBe('ERR_RATING_BY_STAFF');
    expect(node(A).services.supervision.ratingIndex.get(ratingDocId({ kind: 'case', caseId: fresh }))).toBeUndefined();
    // Pairing needs the clerk's code; a wrong one, or one typed in a logged-in browser, pairs nothing.
    const code = (await clerk.post('/api/rating-device/w1/pairing-code')).body.code as string;
    const wrong = code === '000000' ? '000001' : '000000';
    expect((await anon.post('/api/rating-device/w1/pair', { code: wrong })).body.error.code).toBe(
      'ERR_PAIRING_CODE_INVALID',
    );
    const asClerk = await client(node(A).url, clerkToken).post('/api/rating-device/w1/pair', { code });
    expect(asClerk.status).toBe(403);
    // A code for a window someone else has open is not given.
    expect((await (await staffAt(A, 'other')).post('/api/rating-device/w1/pairing-code')).status).toBe(403);
    // Pairing a new tablet unpairs the old one.
    const next = await pairDevice(node(A).url, clerk, 'w1');
    expect((await paired.pending()).status).toBe(401);
    expect((await next.pending()).status).toBe(200);
  });

  it('spends a pairing code on the one tablet that types it: a second is refused, and the clerk’s panel learns it is spent', async () => {
    const clerk = await staffAt(A, 'clerk');
    const pairing = async () => (await clerk.get('/api/rating-device/w1/pairing')).body;
    const code = (await clerk.post('/api/rating-device/w1/pairing-code')).body.code as string;
    expect(await pairing()).toMatchObject({ codeWaiting: true });
    const tablet = (cookie = '') =>
      fetch(`${node(A).url}/api/rating-device/w1/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ code }),
      });
    // Two tablets type it at once: one is paired, the other told the code is no good.
    const answers = await Promise.all([tablet(), tablet()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const first = answers.find((a) => a.status === 200)!;
    expect((await answers.find((a) => a.status === 400)!.json()).error.code).toBe('ERR_PAIRING_CODE_INVALID');
    const later = await tablet();
    expect(later.status).toBe(400);
    expect((await later.json()).error.code).toBe('ERR_PAIRING_CODE_INVALID');
    const paired = deviceWithCookie(node(A).url, 'w1', (first.headers.get('set-cookie') ?? '').split(';')[0]!);
    expect((await paired.pending()).status).toBe(200);
    const status = await pairing();
    expect(status).toMatchObject({ paired: true, codeWaiting: false });
    expect(Date.parse(status.pairedAt)).toBe(now.getTime());
    // Only the clerk who has the window open asks.
    expect((await client(node(A).url).get('/api/rating-device/w1/pairing')).status).toBe(401);
    expect((await (await staffAt(A, 'other')).get('/api/rating-device/w1/pairing')).status).toBe(403);
  });

  it('invites a rating by SMS with a single-use link an hour after completion', async () => {
    await complete(cases[2]!);
    now = new Date(now.getTime() + 2 * 3600_000);
    await node(A).services.supervision.keeper.runOnce();
    const notice = await node(A).services.db.get<{ text: string; params: { link: string }; template: string }>(
      `notice:${cases[2]}:rating-invite`,
    );
    expect(notice.template).toBe('case.rating-invite');
    expect(notice.text).toContain('请您对办件');
    const token = notice.params.link.split('/rate/')[1]!;
    const link = client(node(A).url);
    expect((await link.get(`/api/ratings/links/${token}`)).body).toMatchObject({
      kind: 'case',
      title: '高龄老年人津贴申领',
      rated: false,
      rateable: true,
    });
    expect((await link.post(`/api/ratings/links/${token}`, { level: 'basic' })).status).toBe(201);
    expect((await link.get(`/api/ratings/links/${token}`)).body).toMatchObject({ rated: true, rateable: false });
    expect((await link.post(`/api/ratings/links/${token}`, { level: 'basic' })).status).toBe(409);
  });

  it('counts a case not rated within 7 days as 基本满意, marked default, written once by the accepting hall', async () => {
    await complete(cases[3]!);
    now = new Date(now.getTime() + 7 * DAY - 60_000);
    await node(A).services.supervision.keeper.runOnce();
    expect(node(A).services.supervision.ratingIndex.get(`rating:case:${cases[3]}`)?.channel).not.toBe('default');
    now = new Date(now.getTime() + 2 * 60_000);
    // Only the accepting hall writes defaults: the street and the center hold the case and write none.
    await node(STREET).services.supervision.keeper.runOnce();
    await node(CENTER).services.supervision.keeper.runOnce();
    await node(A).services.supervision.keeper.runOnce();
    const deemed = node(A).services.supervision.ratingIndex.get(`rating:case:${cases[3]}`);
    expect(deemed).toMatchObject({ level: 'basic', channel: 'default', author: { id: `node:${A}` } });
    const me = await residentAt(A, RESIDENT);
    expect((await me.get(`/api/my/cases/${cases[3]}/rating`)).body).toMatchObject({
      rateable: false,
      rating: { levelName: '基本满意', channel: 'default' },
    });
    const late = await me.post(`/api/my/cases/${cases[3]}/rating`, { level: 'very-satisfied' });
    expect(late.status).toBe(409);
    const docs = await ratingDocs(A);
    await node(A).services.supervision.keeper.runOnce();
    expect(await ratingDocs(A)).toBe(docs);
    const atCenter = await eventually(
      () => node(CENTER).services.supervision.ratingIndex.get(`rating:case:${cases[3]}`),
      15_000,
      'default rating at the center',
    );
    expect(atCenter.channel).toBe('default');
  });

  it('opens a follow-up for the bad rating, overdue after 5 working days, answered once by the supervision office', async () => {
    const ratingId = `rating:case:${cases[0]}`;
    // Rated on the first Monday: due five working days after by the district's calendar. Go past it.
    const due = node(A).services.reference.calendar.deadline(start, 5);
    now = new Date(Math.max(now.getTime(), Date.parse(due)) + 3600_000);
    const street = await staffAt(STREET, 'supervisor');
    const listed = await eventually(
      async () => {
        const res = await street.get(`/api/supervision/ratings?from=${day(-1)}&to=${day(20)}&followUp=any`);
        return res.body.items?.some((i: { id: string }) => i.id === ratingId) && res.body;
      },
      15_000,
      'bad rating at the street',
    );
    const item = listed.items.find((i: { id: string }) => i.id === ratingId);
    expect(item).toMatchObject({
      level: 'dissatisfied',
      comment: '等候时间太长',
      followUpBy: due,
      followUp: 'overdue',
      clerk: '刘窗口',
      hallName: '皇城根社区服务站',
    });
    const director = await staffAt(A, 'director');
    const refused = await director.get('/api/supervision/ratings');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ERR_FORBIDDEN');
    const answered = await street.post('/api/supervision/follow-ups', { ratingId, answer: '已电话回访，增开窗口' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(answered.body.followUp).toBe('answered-late');
    expect((await street.post('/api/supervision/follow-ups', { ratingId, answer: '再答一次' })).body.error.code).toBe(
      'ERR_FOLLOW_UP_ANSWERED',
    );
    expect(
      (await street.post('/api/supervision/follow-ups', { ratingId: `rating:case:${cases[1]}`, answer: '无需回访' }))
        .body.error.code,
    ).toBe('ERR_FOLLOW_UP_NONE');
    const center = await staffAt(CENTER, 'supervisor');
    await eventually(
      async () => {
        const res = await center.get(`/api/supervision/ratings?from=${day(-1)}&to=${day(20)}&followUp=answered`);
        return res.body.items?.some((i: { id: string }) => i.id === ratingId);
      },
      15_000,
      'answer at the center',
    );
    const all = await center.get(`/api/supervision/ratings?from=${day(-1)}&to=${day(20)}`);
    // Five rated cases and visits, and the case the clerk's own browser could not rate: 基本满意 by default.
    expect(all.body.total).toBe(6);
  });

  it('lets the district alone publish the settings, which reach every hall', async () => {
    const settings = {
      ratingDays: 3,
      followUpWorkingDays: 2,
      queueTargetMinutes: 10,
      weights: { instant: 25, onTime: 25, satisfaction: 40, queue: 10 },
    };
    const street = await staffAt(STREET, 'supervisor');
    const refused = await street.put('/api/supervision/settings', settings);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ERR_SCOPE_FORBIDDEN');
    const bad = await (await staffAt(CENTER, 'supervisor')).put('/api/supervision/settings', {
      ...settings,
      weights: { instant: 0, onTime: 0, satisfaction: 0, queue: 0 },
    });
    expect(bad.status).toBe(400);
    const put = await (await staffAt(CENTER, 'supervisor')).put('/api/supervision/settings', settings);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await eventually(
      () => node(A).services.supervision.settings.current.ratingDays === 3,
      15_000,
      'settings at the community',
    );
    // The street receives them on its own pull, not necessarily before the community.
    await eventually(
      async () => (await street.get('/api/supervision/settings')).body.settings.ratingDays === 3,
      15_000,
      'settings at the street',
    );
    expect((await street.get('/api/supervision/settings')).body.settings).toEqual(settings);
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../node/start-node.js';
import { APPLICANT } from './support/fixtures.js';
import { pairDevice } from './support/rating-device.js';
import { client, clerkClient, type Client } from './support/client.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const cst = (s: string) => new Date(`${s}+08:00`);
// Monday 5 October 2026 in Beijing; the test moves the node's clock.
let now = cst('2026-10-05T09:00:00');
const dir = tempDir();
let node: RunningNode;
let anon: Client;
const director = () => clerkClient(node.url, 'clerk', PASSWORD);
const windowClerk = () => clerkClient(node.url, 'window', PASSWORD);
const supervisor = () => clerkClient(node.url, 'jiancha', PASSWORD);
const OCTOBER = 'from=2026-10-01&to=2026-10-31';
const PERIOD = 'from=2026-11-02&to=2026-12-31';
let overdueCase: { promisedBy: string };

async function matterWith(
  pick: (m: { name: string; instant: boolean; levels: number[] }) => boolean,
): Promise<{ code: string; received: string[] }> {
  const line = (await anon.get('/api/catalogue?level=6&limit=200')).body.items.find(pick);
  const matter = (await anon.get(`/api/catalogue/${line.code}`)).body;
  return {
    code: matter.code,
    received: matter.materials
      .filter((m: { necessity: string }) => m.necessity !== 'optional')
      .map((m: { id: string }) => m.id),
  };
}

beforeAll(async () => {
  node = await startTestNode(join(dir.path, 'community'), COMMUNITY, { clock: () => now });
  await node.services.staff.put({ account: 'window', name: '李窗口', org: COMMUNITY, roles: ['clerk'] }, PASSWORD);
  await node.services.staff.put(
    { account: 'jiancha', name: '区效能监察', org: COMMUNITY, roles: ['supervisor'] },
    PASSWORD,
  );
  anon = client(node.url);
  // October: seven instant cases, six by the window clerk and one by the director, none rated: each
  // gets its default rating (基本满意) seven days on, inside the month.
  const instantOct = await matterWith((m) => m.instant);
  for (const who of [windowClerk, windowClerk, windowClerk, windowClerk, windowClerk, windowClerk, director]) {
    expect(
      (
        await (
          await who()
        ).post('/api/cases', { matterCode: instantOct.code, applicant: APPLICANT, received: instantOct.received })
      ).body.status,
    ).toBe('completed');
  }
  now = cst('2026-10-20T09:00:00');
  await node.services.supervision.keeper.runOnce();
  now = cst('2026-11-02T09:00:00');
  // The queue: two tickets waiting 12 and 6 minutes at window w1.
  expect((await (await director()).put('/api/queue/windows/w1', { name: '1号窗口', categories: [1] })).status).toBe(
    200,
  );
  let clerk = await windowClerk();
  expect((await clerk.post('/api/queue/windows/w1/open')).status).toBe(200);
  const t1 = (await anon.post('/api/queue/tickets', { category: 1, via: 'walk-in' })).body;
  now = cst('2026-11-02T09:12:00');
  expect((await clerk.post('/api/queue/windows/w1/call')).body.ticket.id).toBe(t1.id);
  now = cst('2026-11-02T09:20:00');
  expect((await clerk.post('/api/queue/windows/w1/finish')).status).toBe(200);
  now = cst('2026-11-02T09:30:00');
  await anon.post('/api/queue/tickets', { category: 1, via: 'walk-in' });
  now = cst('2026-11-02T09:36:00');
  expect((await clerk.post('/api/queue/windows/w1/call')).status).toBe(200);
  expect((await clerk.post('/api/queue/windows/w1/finish')).status).toBe(200);
  // The visit is rated badly at the window's device.
  const device = await pairDevice(node.url, clerk, 'w1');
  expect((await clerk.post('/api/rating-requests', { window: 'w1', ticketId: t1.id })).status).toBe(201);
  expect((await device.rate({ level: 'very-dissatisfied' })).status).toBe(201);

  // Cases: an instant one by the director at 10:00, two promised ones by the window clerk; one is completed on Wednesday.
  now = cst('2026-11-02T10:00:00');
  const instant = await matterWith((m) => m.instant);
  const promised = await matterWith((m) => m.name === '残疾人证核发');
  expect(
    (
      await (
        await director()
      ).post('/api/cases', { matterCode: instant.code, applicant: APPLICANT, received: instant.received })
    ).body.status,
  ).toBe('completed');
  clerk = await windowClerk();
  const c2 = (
    await clerk.post('/api/cases', { matterCode: promised.code, applicant: APPLICANT, received: promised.received })
  ).body;
  overdueCase = (
    await clerk.post('/api/cases', { matterCode: promised.code, applicant: APPLICANT, received: promised.received })
  ).body;
  now = cst('2026-11-04T10:00:00');
  clerk = await windowClerk();
  expect((await clerk.post(`/api/cases/${c2.id}/events`, { kind: 'completed' })).status).toBe(201);
  expect((await clerk.post('/api/rating-requests', { window: 'w1', caseId: c2.id })).status).toBe(201);
  expect((await device.rate({ level: 'satisfied' })).status).toBe(201);
  // The instant case goes unrated: 基本满意 by default once its 7 days are over; the other case is left overdue.
  now = new Date(Math.max(cst('2026-11-10T12:00:00').getTime(), Date.parse(overdueCase.promisedBy) + 3600_000));
  await node.services.supervision.keeper.runOnce();
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

describe('综合考评 over real HTTP on known data', () => {
  it('computes the hall’s figures: cases, instant rate, on time, overdue, handling days, queue waits, satisfaction, score', async () => {
    const res = await (await supervisor()).get(`/api/supervision/figures?${PERIOD}&by=node`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject({
      key: COMMUNITY,
      name: '皇城根社区服务站',
      accepted: 3,
      instant: 1,
      instantRate: 0.3333,
      completed: 2,
      onTime: 2,
      // Of the three due (two completed, one open past its deadline), two on time.
      onTimeRate: 0.6667,
      overdue: 1,
      overdueOpen: 1,
      avgHandlingDays: 1,
      tickets: 2,
      avgWaitMinutes: 9,
      ratings: 3,
      defaultRatings: 1,
      satisfactionRate: 0.5,
      satisfactionRateWithDefaults: 0.6667,
      followUps: 1,
      followUpsOverdue: 1,
      // Three ratings, under five: satisfaction does not weigh in. 100 × (20 × 1/3 + 40 × 2/3 + 10 × 1) / 70
      score: 61.9,
      ratingsWithheld: null,
    });
    expect(res.body.settings.weights).toEqual({ instant: 20, onTime: 40, satisfaction: 30, queue: 10 });
  });

  it('splits them per clerk for the supervision office; a plain clerk sees the case figures with the rating ones withheld', async () => {
    const res = await (await supervisor()).get(`/api/supervision/figures?${PERIOD}&by=clerk`);
    const byKey = Object.fromEntries(res.body.rows.map((r: { key: string }) => [r.key, r]));
    expect(byKey['staff:clerk']).toMatchObject({
      name: '王窗口（皇城根社区服务站）',
      accepted: 1,
      instant: 1,
      ratings: 1,
      defaultRatings: 1,
      tickets: 0,
    });
    expect(byKey['staff:window']).toMatchObject({
      name: '李窗口（皇城根社区服务站）',
      accepted: 2,
      completed: 1,
      overdue: 1,
      tickets: 2,
      avgWaitMinutes: 9,
      ratings: 2,
      satisfactionRate: 0.5,
    });
    const plain = await (await windowClerk()).get(`/api/supervision/figures?${PERIOD}`);
    expect(plain.status).toBe(200);
    expect(plain.body.rows[0]).toMatchObject({
      accepted: 3,
      completed: 2,
      ratings: null,
      levels: null,
      satisfactionRate: null,
      // A score that weighs no rating is everyone's: the clerk sees the supervisor's.
      score: 61.9,
      ratingsWithheld: '评价指标按已结束的自然月发布',
    });
    expect((await (await director()).get('/api/supervision/figures?from=2026-12-01&to=2026-11-01')).status).toBe(400);
  });

  it('never shows a director a rating of his own work, nor what gives one away: 样本不足 below five, the rest held back with it', async () => {
    const mine = await (await director()).get(`/api/supervision/figures?${OCTOBER}&by=clerk`);
    expect(mine.status).toBe(200);
    const rows = Object.fromEntries(mine.body.rows.map((r: { key: string }) => [r.key, r]));
    // His one default rating is under five; the window clerk's six would leave it as the total's remainder, so they are held back too.
    expect(rows['staff:clerk']).toMatchObject({
      accepted: 1,
      ratings: null,
      levels: null,
      ratingsWithheld: '样本不足',
    });
    expect(rows['staff:window']).toMatchObject({
      accepted: 6,
      ratings: null,
      levels: null,
      ratingsWithheld: '样本不足',
    });
    expect(mine.body.total).toMatchObject({ ratings: 7, levels: { basic: 7 }, ratingsWithheld: null });
    // The whole hall holds seven: shown per hall.
    const hall = await (await director()).get(`/api/supervision/figures?${OCTOBER}&by=node`);
    expect(hall.body.rows[0]).toMatchObject({ ratings: 7, satisfactionRateWithDefaults: 1, ratingsWithheld: null });
    // Periods other than one ended month, and parts of the node's data, would subtract to one rating: none shown.
    for (const q of [
      'from=2026-10-01&to=2026-10-30',
      'from=2026-10-01&to=2026-11-30',
      `${OCTOBER}&org=${COMMUNITY}/none`,
    ]) {
      const other = await (await director()).get(`/api/supervision/figures?${q}&by=node`);
      expect(other.body.total.ratings, q).toBeNull();
      expect(other.body.total.ratingsWithheld, q).toMatch(/自然月|本机构/);
    }
    // The supervision office sees them all, his own included.
    const full = await (await supervisor()).get(`/api/supervision/figures?${OCTOBER}&by=clerk`);
    // One score for both: his own (one rating, which it does not weigh) as the supervisor sees it;
    // the window clerk's (six, weighed in) held back with the ratings, never a second number.
    const fullRows = Object.fromEntries(full.body.rows.map((r: { key: string }) => [r.key, r]));
    expect(rows['staff:clerk'].score).toBe(fullRows['staff:clerk'].score);
    expect(rows['staff:clerk'].score).not.toBeNull();
    expect(rows['staff:window'].score).toBeNull();
    expect(Object.fromEntries(full.body.rows.map((r: { key: string; ratings: number }) => [r.key, r.ratings]))).toEqual(
      { 'staff:clerk': 1, 'staff:window': 6 },
    );
  });

  it('lists single ratings to the supervision office only, never to a director', async () => {
    const res = await (await supervisor()).get(`/api/supervision/ratings?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((r: { kind: string; level: string; clerk: string }) => [r.kind, r.level, r.clerk]).sort(),
    ).toEqual([
      ['case', 'basic', '王窗口'],
      ['case', 'satisfied', '李窗口'],
      ['visit', 'very-dissatisfied', '李窗口'],
    ]);
    const refused = await (await director()).get(`/api/supervision/ratings?${PERIOD}`);
    expect(refused.status).toBe(403);
    const own = [...node.services.supervision.ratingIndex.values()].find((r) => r.subject.clerk.id === 'staff:clerk')!;
    expect(
      (await (await director()).post('/api/supervision/follow-ups', { ratingId: own._id, answer: '自己答复' })).status,
    ).toBe(403);
  });

  it('exports the figures as CSV and draws them as SVG charts', async () => {
    const token = (await anon.post('/api/auth/staff-login', { account: 'jiancha', password: PASSWORD })).body.token;
    const csv = await fetch(`${node.url}/api/supervision/figures.csv?${PERIOD}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('figures-node-2026-11-02-2026-12-31.csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A byte-order mark first, so Excel on a hall PC reads the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toMatch(/^分组,名称,受理件数,办结件数/);
    expect(lines[1]).toMatch(
      /^dongcheng\/jingshan\/huangchenggen,皇城根社区服务站,3,2,1,0.3333,2,0.6667,1,1,2,9,3,1,0,1,1,0,1,0.5,0.6667,1,1,61.9,$/,
    );
    for (const chart of ['score', 'rates', 'daily']) {
      const svg = await fetch(`${node.url}/api/supervision/figures.svg?${PERIOD}&chart=${chart}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      const text = await svg.text();
      expect(text).toMatch(/^<svg [^>]*role="img"/);
      if (chart === 'score') expect(text).toContain('皇城根社区服务站：综合得分 61.9');
    }
  });
});

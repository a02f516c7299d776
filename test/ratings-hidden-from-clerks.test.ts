import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { RATING_LEVELS, RATING_LEVEL_NAMES } from '../sync/index.js';
import { client, clerkClient } from './support/client.js';
import { pairDevice } from './support/rating-device.js';
import { eventually } from './support/eventually.js';
import { APPLICANT } from './support/fixtures.js';
import { futureMonday } from './support/future-monday.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const A = 'dongcheng/jingshan/huangchenggen';
const DAY = 86_400_000;
// Comments no endpoint may ever show a clerk.
const SECRETS = ['SECRET-设备好评-7f3a', 'SECRET-短信差评-91c2', 'SECRET-回访答复-44d1'];

let now = futureMonday();
const dir = tempDir();
let district: RunningDistrict;
const node = (org: string) => district.nodes.get(org)!;
const login = (org: string, account: string) => clerkClient(node(org).url, account, PASSWORD);
const values: Record<string, string[]> = {
  window: ['w1'],
  token: [],
  code: [],
  id: [],
  docId: ['material:none:x'],
  number: ['none'],
};

/** Every rating level or level name held in a JSON answer as a field's value: what a single rating would look like. */
function ratingFields(body: unknown, out: string[] = []): string[] {
  if (Array.isArray(body)) for (const x of body) ratingFields(x, out);
  else if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (
        typeof v === 'string' &&
        ((k === 'level' && (RATING_LEVELS as readonly string[]).includes(v)) ||
          (k === 'levelName' && Object.values(RATING_LEVEL_NAMES).includes(v)))
      )
        out.push(`${k}=${v}`);
      else ratingFields(v, out);
    }
  }
  return out;
}

/** A GET answer's text; a live stream is read for a moment (its snapshot) and then cut. */
async function read(url: string, token: string): Promise<{ status: number; type: string; text: string }> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ctrl.signal });
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) return { status: res.status, type, text: await res.text() };
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const cut = setTimeout(() => ctrl.abort(), 500);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
  } catch {
    // Cut after the snapshot.
  }
  clearTimeout(cut);
  return { status: res.status, type, text };
}

/** Every GET the node declares in /openapi.json, with each path parameter filled with every known value. */
async function everyGet(base: string): Promise<string[]> {
  const doc = (await client(base).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const urls: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!ops.get) continue;
    let variants = [path];
    for (const [, name] of path.matchAll(/\{([A-Za-z]+)\}/g)) {
      const candidates = values[name!] ?? [];
      expect(candidates.length, `no value for {${name}} in ${path}`).toBeGreaterThan(0);
      variants = variants.flatMap((v) => candidates.map((c) => v.replace(`{${name}}`, encodeURIComponent(c))));
    }
    urls.push(...variants.map((v) => base + v));
  }
  return urls;
}

/** What a sweep of every GET with `token` turned up of the ratings. */
async function sweep(org: string, token: string): Promise<string[]> {
  const found: string[] = [];
  for (const url of await everyGet(node(org).url)) {
    const { type, text } = await read(url, token);
    for (const s of SECRETS) if (text.includes(s)) found.push(`${url}: ${s}`);
    if (type.includes('json') && text) for (const f of ratingFields(JSON.parse(text))) found.push(`${url}: ${f}`);
    if (type.includes('event-stream'))
      for (const line of text.split('\n').filter((l) => l.startsWith('data:')))
        for (const f of ratingFields(JSON.parse(line.slice(5)))) found.push(`${url}: ${f}`);
  }
  return found;
}

beforeAll(async () => {
  const staff = (account: string, roles: ('clerk' | 'back-office' | 'director' | 'supervisor')[]) => ({
    account,
    name: account,
    roles,
    password: PASSWORD,
  });
  district = await startDistrict({
    dir: dir.path,
    clock: () => now,
    nodes: [
      { org: CENTER, staff: [staff('clerk', ['clerk', 'back-office']), staff('supervisor', ['supervisor'])] },
      { org: A, staff: [staff('clerk', ['clerk']), staff('office', ['back-office']), staff('director', ['director'])] },
    ],
  });
  for (const org of [CENTER, A])
    await eventually(
      () => node(org).services.reference.catalogue.size > 40 && node(org).services.reference.calendar,
      20_000,
      `catalogue at ${org}`,
    );
  const clerk = await login(A, 'clerk');
  const matter = node(A).services.reference.catalogue.search({ q: '残疾人证核发' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await clerk.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
    expect((await clerk.post(`/api/cases/${res.body.id}/events`, { kind: 'completed' })).status).toBe(201);
    ids.push(res.body.id);
    values.code!.push(res.body.queryCode);
  }
  values.id = ids;
  // A rating with a comment at the window's device.
  expect(
    (await (await login(A, 'director')).put('/api/queue/windows/w1', { name: '1号窗口', categories: [1] })).status,
  ).toBe(200);
  expect((await clerk.post('/api/queue/windows/w1/open')).status).toBe(200);
  const device = await pairDevice(node(A).url, clerk, 'w1');
  expect((await clerk.post('/api/rating-requests', { window: 'w1', caseId: ids[0] })).status).toBe(201);
  expect((await device.rate({ level: 'very-satisfied', comment: SECRETS[0] })).status).toBe(201);
  // A bad rating by the SMS link, and the supervision office's answer to its follow-up.
  now = new Date(now.getTime() + 2 * 3600_000);
  await node(A).services.supervision.keeper.runOnce();
  const sms = await node(A).services.db.get<{ params: { link: string } }>(`notice:${ids[1]}:rating-invite`);
  const smsToken = sms.params.link.split('/rate/')[1]!;
  expect(
    (
      await client(node(A).url).post(`/api/ratings/links/${smsToken}`, {
        level: 'very-dissatisfied',
        comment: SECRETS[1],
      })
    ).status,
  ).toBe(201);
  values.token = [smsToken];
  const supervisor = await login(CENTER, 'supervisor');
  await eventually(
    () => node(CENTER).services.supervision.ratingIndex.get(`rating:case:${ids[1]}`),
    15_000,
    'bad rating at the center',
  );
  expect(
    (await supervisor.post('/api/supervision/follow-ups', { ratingId: `rating:case:${ids[1]}`, answer: SECRETS[2] }))
      .status,
  ).toBe(201);
  // The third case goes unrated: a default rating after 7 days.
  now = new Date(now.getTime() + 8 * DAY);
  await node(A).services.supervision.keeper.runOnce();
  expect(node(A).services.supervision.ratingIndex.get(`rating:case:${ids[2]}`)?.channel).toBe('default');
  await eventually(
    () =>
      node(A).services.supervision.ratingIndex.answerTo(`rating:case:${ids[1]}`) &&
      node(CENTER).services.supervision.ratingIndex.size === 3,
    15_000,
    'everything everywhere',
  );
}, 90_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('评议器: a clerk never sees a single rating, by any endpoint', () => {
  it.each([
    [A, 'clerk'],
    [A, 'office'],
    [CENTER, 'clerk'],
  ])(
    'sweeps every GET of %s’s /openapi.json with the token of %s and finds no level, comment or answer of any rating',
    async (org, account) => {
      const token = (await client(node(org).url).post('/api/auth/staff-login', { account, password: PASSWORD })).body
        .token as string;
      expect(await sweep(org, token)).toEqual([]);
    },
  );

  it('finds them with a supervisor’s token, so the sweep would see a leak', async () => {
    const token = (
      await client(node(CENTER).url).post('/api/auth/staff-login', { account: 'supervisor', password: PASSWORD })
    ).body.token as string;
    const found = await sweep(CENTER, token);
    for (const s of SECRETS) expect(found.some((f) => f.endsWith(s))).toBe(true);
    expect(found.some((f) => f.includes('level=basic'))).toBe(true);
  });
});

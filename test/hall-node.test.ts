import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../node/start-node.js';
import { parseQueryCode } from '../sync/index.js';
import { APPLICANT, OTHER_APPLICANT } from './support/fixtures.js';
import { client, clerkClient, type Client } from './support/client.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// Monday 23 November 2026, 10:00 in Beijing: a working day.
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => now;
const dir = tempDir();
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
let node: RunningNode;
let anon: Client;
let clerk: Client;

interface MatterLine {
  code: string;
  name: string;
  levels: number[];
  instant: boolean;
}

async function findMatter(name: string): Promise<any> {
  const res = await anon.get(`/api/catalogue?q=${encodeURIComponent(name)}`);
  const line = (res.body.items as MatterLine[]).find((m) => m.name.includes(name));
  if (!line) throw new Error(`no matter named ${name}`);
  return (await anon.get(`/api/catalogue/${encodeURIComponent(line.code)}`)).body;
}

const ids = (matter: any, ...kinds: string[]) =>
  matter.materials.filter((m: any) => kinds.includes(m.necessity)).map((m: any) => m.id);

async function caseCount(): Promise<number> {
  return (await clerk.get('/api/cases?limit=1')).body.total;
}

beforeAll(async () => {
  node = await startTestNode(join(dir.path, 'community'), COMMUNITY, { clock });
  anon = client(node.url);
  clerk = await clerkClient(node.url, 'clerk', PASSWORD);
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

describe('the catalogue at a community station', () => {
  it('searches by Chinese keyword, department and level', async () => {
    const res = await anon.get(`/api/catalogue?q=${encodeURIComponent('残疾')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.some((m: MatterLine) => m.name.includes('残疾人证'))).toBe(true);
    const byDept = await anon.get('/api/catalogue?department=dongcheng/dept/market');
    expect(byDept.body.total).toBeGreaterThan(0);
    expect(byDept.body.items.every((m: any) => m.department === 'dongcheng/dept/market')).toBe(true);
    const here = await anon.get('/api/catalogue?level=6');
    expect(here.body.items.every((m: MatterLine) => m.levels.includes(6))).toBe(true);
    expect(here.body.total).toBeLessThan((await anon.get('/api/catalogue')).body.total);
  });

  it('shows the full service guide of a matter', async () => {
    const m = await findMatter('残疾人证');
    expect(m.legalBasis.length).toBeGreaterThan(0);
    expect(m.materials.length).toBeGreaterThan(0);
    expect(m.departmentName).toMatch(/残/);
    expect(m.handledHere).toBe(true);
  });

  it('answers an unknown matter with 404 and its code', async () => {
    const res = await anon.get('/api/catalogue/NO-SUCH');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ERR_MATTER_UNKNOWN');
  });
});

describe('accepting a case at the window (综合受理)', () => {
  it('accepts with every material, gives a checked query code and a working-day deadline', async () => {
    const m = await findMatter('残疾人证');
    const res = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: APPLICANT,
      received: ids(m, 'required', 'secondary'),
    });
    expect(res.status).toBe(201);
    expect(parseQueryCode(res.body.queryCode)).toBe(res.body.queryCode);
    expect(res.body.status).toBe(m.instant ? 'completed' : 'processing');
    expect(res.body.acceptedBy).toMatchObject({ id: 'staff:clerk', org: COMMUNITY });
    // The promised deadline is the end of a working day, at least promisedDays calendar days on.
    expect(res.body.promisedBy).toMatch(/T23:59:59\+08:00$/);
    const days = (Date.parse(res.body.promisedBy) - now.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(m.promisedDays);
    if (!m.instant) expect(res.body.light).toBe('green');
  });

  it('completes a 即办件 at once', async () => {
    const list = await anon.get('/api/catalogue?level=6');
    const line = (list.body.items as MatterLine[]).find((x) => x.instant);
    expect(line).toBeDefined();
    const m = (await anon.get(`/api/catalogue/${encodeURIComponent(line!.code)}`)).body;
    const applicant = m.serves.includes('person')
      ? APPLICANT
      : { ...APPLICANT, kind: 'company', idType: 'uscc', idNumber: '91350100M000100Y43' };
    const res = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant,
      received: ids(m, 'required', 'secondary'),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('completed');
    expect(res.body.instant).toBe(true);
    expect(res.body.light).toBeNull();
  });

  it('refuses a missing required material with its name, and writes nothing', async () => {
    const m = await findMatter('残疾人证');
    const before = await caseCount();
    const required = ids(m, 'required');
    const res = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: APPLICANT,
      received: required.slice(1),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ERR_CASE_MATERIAL_MISSING');
    expect(res.body.error.issues[0].field).toBe('received');
    expect(res.body.error.issues[0].reason).toContain(required[0]);
    expect(res.body.error.message.zh).toBeTruthy();
    expect(await caseCount()).toBe(before);
  });

  it('accepts with a secondary material missing (容缺受理) and completes only once it is made up', async () => {
    const all = (await anon.get('/api/catalogue?level=6')).body.items as MatterLine[];
    let m: any;
    for (const line of all) {
      const full = (await anon.get(`/api/catalogue/${encodeURIComponent(line.code)}`)).body;
      if (full.allowsMakeUp && ids(full, 'secondary').length && full.serves.includes('person')) {
        m = full;
        break;
      }
    }
    expect(m, 'the seed catalogue has a 容缺 matter a community handles').toBeDefined();
    const secondary = ids(m, 'secondary');
    const res = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: APPLICANT,
      received: ids(m, 'required'),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('processing');
    expect(res.body.outstanding.map((o: any) => o.id)).toEqual(secondary);
    expect(res.body.makeUpBy).toMatch(/T23:59:59\+08:00$/);

    const early = await clerk.post(`/api/cases/${res.body.id}/events`, { kind: 'completed' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ERR_CASE_STATE');

    for (const materialId of secondary) {
      const got = await clerk.post(`/api/cases/${res.body.id}/events`, { kind: 'material-received', materialId });
      expect(got.status).toBe(201);
    }
    const done = await clerk.post(`/api/cases/${res.body.id}/events`, { kind: 'completed', result: '已发证' });
    expect(done.status).toBe(201);
    expect(done.body.status).toBe('completed');
    expect(done.body.outstanding).toEqual([]);

    const again = await clerk.post(`/api/cases/${res.body.id}/events`, { kind: 'rejected', reason: '迟到的驳回' });
    expect(again.status).toBe(409);
    expect((await clerk.get(`/api/cases/${res.body.id}`)).body.status).toBe('completed');
  });

  it('refuses a matter this level may not handle', async () => {
    const all = (await anon.get('/api/catalogue')).body.items as MatterLine[];
    const districtOnly = all.find((x) => !x.levels.includes(6))!;
    const m = (await anon.get(`/api/catalogue/${encodeURIComponent(districtOnly.code)}`)).body;
    const res = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: APPLICANT,
      received: ids(m, 'required', 'secondary'),
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'ERR_MATTER_LEVEL', issues: [{ field: 'matterCode' }] });
  });

  it('refuses an invalid ID number, an unknown matter, malformed JSON and an oversized body, writing nothing', async () => {
    const m = await findMatter('残疾人证');
    const before = await caseCount();
    const badId = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: { ...APPLICANT, idNumber: '110105194912310021' },
      received: ids(m, 'required'),
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.issues[0]).toMatchObject({ field: 'applicant.idNumber' });
    const unknown = await clerk.post('/api/cases', { matterCode: 'NO-SUCH', applicant: APPLICANT, received: [] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.issues[0].field).toBe('matterCode');
    const badPhone = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: { ...APPLICANT, phone: '123' },
      received: [],
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.issues[0].field).toBe('body.applicant.phone');
    const malformed = await clerk.postRaw('/api/cases', '{"matterCode": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('ERR_MALFORMED_JSON');
    const huge = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: APPLICANT,
      received: [],
      pad: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('ERR_BODY_TOO_LARGE');
    expect(await caseCount()).toBe(before);
  });

  it('answers a path parameter that fails its schema with a 400 naming it, before any handler runs', async () => {
    const badCase = await clerk.get('/api/cases/not%20a%20case');
    expect(badCase.status).toBe(400);
    expect(badCase.body.error).toMatchObject({
      code: 'ERR_VALIDATION',
      issues: [{ field: 'path.id', reason: 'not a case id / 办件编号无效' }],
    });
    const badEvent = await clerk.post('/api/cases/x%3Ay/events', { kind: 'stage-started' });
    expect(badEvent.body.error.issues[0].field).toBe('path.id');
    const badCode = await anon.get('/api/track/NOT-A-CODE');
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.issues).toEqual([
      { field: 'path.code', reason: 'not a valid query code (check character) / 查询码无效' },
    ]);
    const badWindow = await anon.post('/api/rating-device/W%201/pair', { code: '123456' });
    expect(badWindow.body.error.issues[0].field).toBe('path.window');
    // Without a token the caller is refused first: nothing about the input is told.
    expect((await anon.get('/api/cases/not%20a%20case')).status).toBe(401);
  });

  it('requires a clerk token, and refuses a wrong password', async () => {
    const m = await findMatter('残疾人证');
    const res = await anon.post('/api/cases', { matterCode: m.code, applicant: APPLICANT, received: [] });
    expect(res.status).toBe(401);
    const forged = await client(node.url, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdGFmZjp4In0.').post('/api/cases', {
      matterCode: m.code,
      applicant: APPLICANT,
      received: [],
    });
    expect(forged.status).toBe(401);
    const login = await anon.post('/api/auth/staff-login', { account: 'clerk', password: 'wrong' });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('ERR_LOGIN_FAILED');
  });
});

describe('lists, tracking and the resident register', () => {
  it('lists with filters and paging', async () => {
    const all = await clerk.get('/api/cases?limit=200');
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const completed = await clerk.get('/api/cases?status=completed');
    expect(completed.body.items.every((c: any) => c.status === 'completed')).toBe(true);
    const page = await clerk.get('/api/cases?limit=1&offset=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].id).toBe(all.body.items[1].id);
    const bad = await clerk.get('/api/cases?light=purple');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('query.light');
  });

  it('tracks a case by query code with status only and no personal data', async () => {
    const m = await findMatter('残疾人证');
    const created = await clerk.post('/api/cases', {
      matterCode: m.code,
      applicant: OTHER_APPLICANT,
      received: ids(m, 'required', 'secondary'),
    });
    const code: string = created.body.queryCode;
    const res = await anon.get(`/api/track/${code.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ queryCode: code, status: created.body.status, matterName: m.name });
    const text = JSON.stringify(res.body);
    for (const secret of [OTHER_APPLICANT.name, OTHER_APPLICANT.idNumber, OTHER_APPLICANT.phone, 'staff:clerk'])
      expect(text).not.toContain(secret);
    const typo = await anon.get(`/api/track/${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`);
    expect(typo.status).toBe(400);
  });

  it('rate-limits tracking from one address, saying when to come back', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await anon.get('/api/track/ZZZZZZZZZZ0')).status);
    expect(statuses).toContain(429);
    const limited = await fetch(`${node.url}/api/track/ZZZZZZZZZZ0`);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('ERR_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    now = new Date(now.getTime() + 61_000);
    expect((await anon.get('/api/track/ZZZZZZZZZZ0')).status).not.toBe(429);
  });

  it('prefills the form from the resident register (一表一库)', async () => {
    const res = await clerk.get(`/api/residents?idType=resident-id&idNumber=${APPLICANT.idNumber}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: APPLICANT.name, phone: APPLICANT.phone });
    expect((await anon.get(`/api/residents?idType=resident-id&idNumber=${APPLICANT.idNumber}`)).status).toBe(401);
  });

  it('publishes an OpenAPI document that says who may call each endpoint', async () => {
    const res = await anon.get('/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/cases'].post['x-access']).toEqual({ who: 'staff', roles: ['clerk', 'director'] });
    expect(res.body.paths['/api/cases'].post['x-right']).toBe('case.accept');
    expect(res.body.paths['/api/track/{code}'].get['x-access']).toEqual({ who: 'anyone' });
  });
});

describe('restart', () => {
  it('keeps every case and the clerk accounts across a restart', async () => {
    const before = (await clerk.get('/api/cases?limit=200')).body;
    await node.close();
    node = await startTestNode(join(dir.path, 'community'), COMMUNITY, { clock });
    clerk = await clerkClient(node.url, 'clerk', PASSWORD);
    anon = client(node.url);
    const after = (await clerk.get('/api/cases?limit=200')).body;
    expect(after.total).toBe(before.total);
    expect(after.items.map((c: any) => [c.id, c.status, c.events.length])).toEqual(
      before.items.map((c: any) => [c.id, c.status, c.events.length]),
    );
  });
});

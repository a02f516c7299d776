import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningNode } from '../node/start-node.js';
import { APPLICANT } from './support/fixtures.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { sseClient } from './support/sse-client.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// Monday 2 November 2026, 10:00 in Beijing. The test moves the node's clock; nothing else moves it.
let now = new Date('2026-11-02T02:00:00Z');
const clock = () => now;
const dir = tempDir();
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
let node: RunningNode;
let anon: Client;
let director: Client;
let clerkOnly: Client;
let caseId = '';
let promisedBy = '';

beforeAll(async () => {
  node = await startTestNode(join(dir.path, 'community'), COMMUNITY, { clock, supervision: { boardTickMs: 100 } });
  await node.services.staff.put({ account: 'window', name: '李窗口', org: COMMUNITY, roles: ['clerk'] }, PASSWORD);
  anon = client(node.url);
  director = await clerkClient(node.url, 'clerk', PASSWORD);
  clerkOnly = await clerkClient(node.url, 'window', PASSWORD);
  const line = (await anon.get(`/api/catalogue?q=${encodeURIComponent('残疾人证')}`)).body.items[0];
  const matter = (await anon.get(`/api/catalogue/${line.code}`)).body;
  const received = matter.materials
    .filter((m: { necessity: string }) => m.necessity !== 'optional')
    .map((m: { id: string }) => m.id);
  const res = await clerkOnly.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  caseId = res.body.id;
  promisedBy = res.body.promisedBy;
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

describe('红绿灯: the board of the hall’s big screen', () => {
  it('streams a case turning yellow 24 h before its deadline by the clock alone, then red, then leaving the board when completed', async () => {
    const stream = await sseClient(`${node.url}/api/board/stream`);
    try {
      const first = JSON.parse((await stream.next('snapshot')).data);
      expect(first.items).toEqual([]);
      expect((await anon.get('/api/board')).body).toMatchObject({ yellow: 0, red: 0, items: [] });

      // 23 hours before the promised deadline: no write, no request — only the clock moved.
      now = new Date(Date.parse(promisedBy) - 23 * 3600_000);
      const yellow = JSON.parse((await stream.next('light', 3000)).data);
      expect(yellow).toMatchObject({
        kind: 'light',
        id: caseId,
        light: 'yellow',
        entry: { matterName: '残疾人证核发', hallName: '皇城根社区服务站', applicant: '张*' },
      });
      expect(yellow.entry.code).toMatch(/^[0-9A-Z]{4}•{4}[0-9A-Z]{3}$/);
      const board = (await anon.get('/api/board')).body;
      expect(board).toMatchObject({ yellow: 1, red: 0 });
      // The big screen is public: nothing that identifies the applicant.
      const shown = JSON.stringify(board);
      for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, '李窗口'])
        expect(shown).not.toContain(secret);

      now = new Date(Date.parse(promisedBy) + 3600_000);
      expect(JSON.parse((await stream.next('light', 3000)).data)).toMatchObject({ id: caseId, light: 'red' });

      // Staff tokens last an hour of the node's clock: log in again at the new time.
      director = await clerkClient(node.url, 'clerk', PASSWORD);
      expect((await director.post(`/api/cases/${caseId}/events`, { kind: 'completed' })).status).toBe(201);
      expect(JSON.parse((await stream.next('light', 3000)).data)).toMatchObject({
        id: caseId,
        light: null,
        entry: null,
      });
      expect((await anon.get('/api/board')).body.items).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('gives the supervision view of every open case’s light to supervision.view only', async () => {
    clerkOnly = await clerkClient(node.url, 'window', PASSWORD);
    const matter = (await anon.get(`/api/catalogue?q=${encodeURIComponent('残疾人证')}`)).body.items[0].code;
    const full = (await anon.get(`/api/catalogue/${matter}`)).body;
    const received = full.materials
      .filter((m: { necessity: string }) => m.necessity !== 'optional')
      .map((m: { id: string }) => m.id);
    const open = await clerkOnly.post('/api/cases', { matterCode: matter, applicant: APPLICANT, received });
    expect(open.status).toBe(201);
    now = new Date(Date.parse(open.body.promisedBy) - 3600_000);
    clerkOnly = await clerkClient(node.url, 'window', PASSWORD);
    director = await clerkClient(node.url, 'clerk', PASSWORD);
    expect((await clerkOnly.get('/api/supervision/lights')).status).toBe(403);
    expect((await anon.get('/api/supervision/lights')).status).toBe(401);
    const view = await eventually(
      async () => {
        const res = await director.get('/api/supervision/lights');
        return res.body.totals?.yellow === 1 && res.body;
      },
      3000,
      'yellow in the supervision view',
    );
    expect(view.halls).toEqual([{ key: COMMUNITY, name: '皇城根社区服务站', green: 0, yellow: 1, red: 0, paused: 0 }]);
    expect(view.items[0]).toMatchObject({
      id: open.body.id,
      queryCode: open.body.queryCode,
      applicantName: APPLICANT.name,
      clerk: '李窗口',
      light: 'yellow',
    });
  });
});

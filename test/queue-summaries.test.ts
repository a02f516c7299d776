import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { queueSummaryDocId } from '../sync/index.js';
import { chinaDate } from '../node/domain/working-days.js';
import { client, clerkClient } from './support/client.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const STREET = 'dongcheng/jingshan';
const PASSWORD = 'summary-pass-1';
const staff = (account: string, roles: ('clerk' | 'director')[]) => [
  { account, name: account, roles, password: PASSWORD },
];
const dir = tempDir('hallnet-summaries-');
let district: RunningDistrict;

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER, staff: staff('director.center', ['clerk', 'director']) },
      { org: STREET, staff: staff('clerk.street', ['clerk']) },
      {
        org: COMMUNITY,
        staff: staff('clerk.hcg', ['clerk']),
        windows: [{ id: 'w1', name: '1号窗口', categories: [7] }],
      },
    ],
  });
  for (const node of district.nodes.values())
    await eventually(
      () => node.services.reference.catalogue.size > 0 && node.services.reference.keys,
      20_000,
      'catalogue',
    );
}, 90_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('排队日报: every hall publishes its day, the district counts every hall', () => {
  it("the community's queue reaches the district center's figures as counts, with no resident's data", async () => {
    const community = district.nodes.get(COMMUNITY)!;
    // The hall opened with its configured window.
    await eventually(() => community.services.queue.windows().length === 1, 10_000, 'the configured window');
    const kiosk = client(community.url);
    const clerk = await clerkClient(community.url, 'clerk.hcg', PASSWORD);
    for (const phone of ['13800138001', '13800138002'])
      expect((await kiosk.post('/api/queue/tickets', { category: 7, via: 'phone', phone })).status).toBe(201);
    expect((await clerk.post('/api/queue/windows/w1/open')).status).toBe(200);
    expect((await clerk.post('/api/queue/windows/w1/call')).status).toBe(200);
    expect((await clerk.post('/api/queue/windows/w1/finish')).status).toBe(200);
    await community.services.supervision.queueSummaries.runOnce();

    const center = district.nodes.get(CENTER)!;
    const day = chinaDate(new Date()).replaceAll('-', '');
    const id = queueSummaryDocId(day, COMMUNITY);
    const doc = await eventually(
      () => center.services.db.get(id).catch(() => undefined),
      20_000,
      'the summary at the center',
    );
    expect(doc).toMatchObject({
      type: 'queue-summary',
      hall: COMMUNITY,
      issued: 2,
      called: 1,
      finished: 1,
      final: false,
    });
    expect(JSON.stringify(doc)).not.toMatch(/1380013800/);
    // Its street holds it too: a summary goes where the hall's own documents go, up its subtree.
    expect(
      await district.nodes
        .get(STREET)!
        .services.db.get(id)
        .then(
          () => 'held',
          () => 'not held',
        ),
    ).toBe('held');

    const director = await clerkClient(center.url, 'director.center', PASSWORD);
    const today = chinaDate(new Date());
    const figures = (await director.get(`/api/supervision/figures?from=${today}&to=${today}&by=node`)).body;
    expect(figures.rows.find((r: { key: string }) => r.key === COMMUNITY)).toMatchObject({ tickets: 1 });
    expect(figures.total.tickets).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

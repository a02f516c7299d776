import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir.js';
import { DEMO_RESIDENT } from './demo-cases.js';
import {
  DEMO_ADMIN,
  DEMO_DESKS,
  DEMO_HALLS,
  DEMO_PASSWORD,
  describeDemo,
  startDemo,
  type RunningDemo,
} from './demo.js';
import { eventually } from '../test/support/eventually.js';
import { clientFrom } from '../test/support/from-address.js';

const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const dir = tempDir('hallnet-demo-');
let demo: RunningDemo | undefined;

afterAll(async () => {
  await demo?.close();
  dir.remove();
});

const post = async (url: string, body: unknown, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

describe('hallnet demo: a whole district on one machine', () => {
  it('starts every hall with its clerk, the resident and sample cases in every state, and writes them once', async () => {
    demo = await startDemo({ dir: dir.path, hubPort: 0, firstNodePort: 0 });
    expect([...demo.district.nodes.keys()].sort()).toEqual(DEMO_HALLS.map((h) => h.org).sort());
    const community = demo.district.nodes.get(COMMUNITY)!;
    const cases = [...community.services.index.values()];
    const now = new Date();
    expect(cases.some((c) => c.status === 'completed')).toBe(true);
    expect(cases.some((c) => c.status === 'processing' && c.outstanding.length > 0 && c.makeUpBy)).toBe(true);
    // The near one is due at the end of the first working day still ahead (today, if it is one).
    const calendar = community.services.reference.calendar;
    expect(
      cases.some(
        (c) =>
          c.status === 'processing' &&
          c.promisedBy !== undefined &&
          Date.parse(c.promisedBy) > now.getTime() &&
          calendar.workingDaysBetween(now, new Date(c.promisedBy)) <= 1,
      ),
    ).toBe(true);
    const street = [...demo.district.nodes.get('dongcheng/jingshan')!.services.index.values()].filter(
      (c) => c.scope === 'dongcheng/jingshan',
    );
    expect(street.map((c) => community.services.index.lightOf(c, now))).toEqual(['red']);

    const hall = DEMO_HALLS[2]!;
    expect(
      (await post(`${community.url}/api/auth/staff-login`, { account: hall.account, password: DEMO_PASSWORD })).status,
    ).toBe(200);
    const login = await post(`${community.url}/identity/login`, {
      kind: 'resident',
      login: DEMO_RESIDENT.phone,
      password: DEMO_RESIDENT.password,
    });
    expect(login.status).toBe(200);
    const mine = await fetch(`${community.url}/api/my/cases`, {
      headers: { authorization: `Bearer ${login.body.accessToken}` },
    }).then((r) => r.json());
    expect(mine.total).toBe(2);
    // 全网通办: every sample case reaches the hub (the halls held their rights on the back-dated days), every
    // sample code answers at every hall, and the resident sees his cases at every hall.
    const running = demo;
    const hub = running.district.hub!;
    for (const sample of running.samples) {
      const id = running.district.nodes.get(sample.org)!.services.index.byCode(sample.queryCode)!.id;
      await eventually(() => hub.store.get(`case:${id}`), 20_000, `${sample.org} ${sample.queryCode} at the hub`);
    }
    await eventually(
      async () => (await fetch(`${running.district.hubUrl}/healthz`).then((r) => r.json())).casesIndexed,
      20_000,
      "the hub's case lookup",
    );
    const found: string[] = [];
    let from = 0;
    for (const [org, node] of running.district.nodes) {
      for (const sample of running.samples) {
        // Each lookup from an address of its own, as residents at their phones: the limits per address stay out of the way.
        const address = `127.0.2.${++from}`;
        const res = await eventually(
          () =>
            clientFrom(address, node.url)
              .get(`/api/track/${sample.queryCode}`)
              .then((r) => r.status === 200 && r.body),
          10_000,
          `${sample.queryCode} at ${org}`,
        );
        if (res.queryCode === sample.queryCode) found.push(`${org} ${sample.queryCode}`);
      }
      const his = await fetch(`${node.url}/api/my/cases`, {
        headers: { authorization: `Bearer ${login.body.accessToken}` },
      }).then((r) => r.json());
      expect(his, org).toMatchObject({ total: 2, reach: 'online' });
    }
    expect(found.length).toBe(running.district.nodes.size * running.samples.length);
    expect(describeDemo(demo, dir.path)).toContain(`${community.url}/   clerk ${hall.account} / ${DEMO_PASSWORD}`);

    // Every hall opens with its windows, so its ticket machine works at once.
    for (const [org, node] of demo.district.nodes) {
      await eventually(() => node.services.queue.windows().length > 0, 20_000, `windows at ${org}`);
    }
    expect(community.services.queue.snapshot().waiting.length).toBeGreaterThan(3);
    // Every department a stage names has someone to approve for it: its desk at the center.
    const center = demo.district.nodes.get('dongcheng')!;
    const staged = [...center.services.reference.catalogue.search({})].flatMap((m) =>
      (m.stages ?? []).flatMap((s) => s.departments),
    );
    const desks = new Set([...DEMO_DESKS.map((d) => d.org), 'dongcheng/dept/disabled']);
    expect([...new Set(staged)].filter((d) => !desks.has(d))).toEqual([]);
    const desk = await post(`${center.url}/api/auth/staff-login`, { account: 'desk.health', password: DEMO_PASSWORD });
    expect(desk.status).toBe(200);
    const inbox = await fetch(`${center.url}/api/inbox`, {
      headers: { authorization: `Bearer ${desk.body.token}` },
    }).then((r) => r.json());
    expect(inbox).toMatchObject({ office: 'dongcheng/dept/health', tasks: [], held: [] });
    expect(describeDemo(demo, dir.path)).toContain('/rate/window/w1');

    // Who sees ratings: the supervisor at the center; a plain clerk never; the district admin gets the figures page.
    const tokenAt = async (url: string, account: string, password: string) =>
      (await post(`${url}/api/auth/staff-login`, { account, password })).body.token as string;
    const get = (url: string, token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(
      (await get(`${community.url}/api/supervision/ratings`, await tokenAt(community.url, hall.account, DEMO_PASSWORD)))
        .status,
    ).toBe(403);
    expect(
      (await get(`${center.url}/api/supervision/ratings`, await tokenAt(center.url, 'supervisor', DEMO_PASSWORD)))
        .status,
    ).toBe(200);
    const admin = await eventually(
      () => tokenAt(center.url, DEMO_ADMIN.account, DEMO_ADMIN.password),
      20_000,
      'the admin pulled to the center',
    );
    expect((await get(`${center.url}/api/supervision/figures`, admin)).status).toBe(200);

    await demo.close();
    demo = await startDemo({ dir: dir.path, hubPort: 0, firstNodePort: 0 });
    expect(demo.samples).toEqual([]);
    expect(demo.district.nodes.get(COMMUNITY)!.services.index.size).toBe(cases.length);
  }, 180_000);

  it('refuses to start when a port it needs is taken, naming the port', async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startDemo({ dir: dir.path, hubPort: port, firstNodePort: 0 })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is taken`,
      );
    } finally {
      taken.close();
    }
  });
});

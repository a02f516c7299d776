import { mkdirSync } from 'node:fs';
import { decodeProtectedHeader } from 'jose';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDistrictCa, nodeAsIssuer, nodeCsr, signCsr } from '../deploy/enroll.js';
import { seedDocuments } from '../deploy/seed/index.js';
import { seedDoc } from '../deploy/seed/seed-doc.js';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { publishSeed } from '../hub/index.js';
import { issueGrant } from '../identity/index.js';
import { chinaDate } from '../node/domain/working-days.js';
import { readNodeChain, writeNodeChain } from '../node/index.js';
import { calendarDocId, grantDocSchema, type Calendar, type CaseState, type Envelope } from '../sync/index.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { auditDecisions, CommunityMonth, morningOf, workingDays } from './support/month-offline.js';
import { signUpResident } from './support/sign-up-resident.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// A month offline (issue 19 item 4), on a clock the test moves: two communities cut off from the
// hub for thirty working days across a new year while the rest of the district works on.
// A (皇城根) works every day with the next year's calendar, received before its line was cut.
// B (景山东街) was cut before that calendar arrived; its grant ends on day 12 and its certificate on
// day 21 of the outage. Then both lines come back.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const B = 'dongcheng/jingshan/jingshandongjie';
const CASES_PER_DAY = Number(process.env.MONTH_CASES ?? 10);
const DAYS = Number(process.env.MONTH_DAYS ?? 30);
const DAY_MS = 86_400_000;
const ADMIN_PASSWORD = 'district-admin-pass';

// The month starts on the first Monday of December of the last year the seed has a calendar for.
const lastSeededYear = Math.max(
  ...seedDocuments()
    .filter((d) => d.type === 'calendar')
    .map((d) => (d as unknown as Calendar).year),
);
const nextYear = lastSeededYear + 1;
const firstMonday = (() => {
  const d = new Date(`${lastSeededYear}-12-01T10:00:00+08:00`);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d;
})();
const day = (n: number) => new Date(firstMonday.getTime() + n * DAY_MS);
let now = new Date(firstMonday.getTime() - 2 * 3600_000);
const clock = () => now;
const setClock = (at: Date) => void (now = at);

const dir = tempDir('hallnet-month-');
const nodeDir = (org: string) => join(dir.path, 'nodes', org.replaceAll('/', '_'));
const hubDir = join(dir.path, 'hub');
const staff = [
  { account: 'clerk', name: '王窗口', roles: ['clerk' as const, 'director' as const], password: PASSWORD },
];
const streetStaff = [...staff, { account: 'admin', name: '街道管理员', roles: ['admin' as const], password: PASSWORD }];
const proxies = new Map<string, FaultProxy>();
const lineOf = (org: string) => async (hubUrl: string) => {
  if (!proxies.has(org)) proxies.set(org, await startFaultProxy(Number(new URL(hubUrl).port)));
  return proxies.get(org)!.url;
};
let district: RunningDistrict;
let monthA: CommunityMonth;
let monthB: CommunityMonth;
let bKid: string;
const timeline: string[] = [];
/** A resident's token signed with the identity key rotated while A was cut off. */
let outageToken = '';

/** The next year's working-day calendar as the district publishes it: 元旦 on the first three days. */
function nextYearCalendar(): Envelope {
  const holidays = [1, 2, 3].map((d) => ({ date: `${nextYear}-01-0${d}`, name: '元旦' }));
  return seedDoc('calendar', calendarDocId(nextYear), {
    year: nextYear,
    holidays,
    workdays: [],
  }) as unknown as Envelope;
}

const node = (org: string) => district.nodes.get(org)!;
// A clerk of each hall logged in once per moment of the clock (a node lets 20 logins a minute through).
const logins = new Map<string, Promise<Client>>();
const clerkAt = (org: string) => {
  const key = `${org}@${now.getTime()}`;
  if (!logins.has(key)) logins.set(key, clerkClient(node(org).url, 'clerk', PASSWORD));
  return logins.get(key)!;
};
const warningsAt = async (org: string) =>
  ((await (await clerkAt(org)).get('/api/status')).body.warnings as { code: string }[]).map((w) => w.code);
const sameCase = (a: CaseState | undefined, b: CaseState | undefined) =>
  a && b && JSON.stringify(a.events.map((e) => e.id).sort()) === JSON.stringify(b.events.map((e) => e.id).sort());
const caseAt = (org: string, id: string) => node(org).services.index.get(id);
const holdsAll = (org: string, from: string, ids: readonly string[]) =>
  ids.every((id) => sameCase(caseAt(org, id), caseAt(from, id)));

beforeAll(async () => {
  // B is enrolled ahead, by the district, with a certificate that ends three weeks into the outage.
  const ca = initDistrictCa(hubDir, 'dongcheng', '东城区 CA', clock());
  mkdirSync(nodeDir(B), { recursive: true });
  writeNodeChain(nodeDir(B), signCsr(nodeCsr(nodeDir(B), B, '景山东街社区服务站'), ca, 21, clock()));
  district = await startDistrict({
    dir: dir.path,
    clock,
    identityStaff: [{ account: 'admin', name: '区管理员', org: CENTER, roles: ['admin'], password: ADMIN_PASSWORD }],
    nodes: [
      { org: CENTER, staff },
      { org: STREET, staff: streetStaff },
      { org: A, staff, line: lineOf(A) },
      { org: B, staff, line: lineOf(B) },
    ],
  });
  // B's grant from its street ends on day 12.
  const streetGrant = district
    .hub!.grants.list()
    .find((g) => g.payload.grantee.org === STREET && g.payload.grantor === CENTER)!;
  const grantB = grantDocSchema.parse(
    await issueGrant(
      {
        v: 1,
        grantor: STREET,
        grantee: { org: B },
        subtree: B,
        rights: ['case.accept', 'case.forward', 'case.deliver', 'queue.manage'],
        nbf: Math.floor(now.getTime() / 1000) - 300,
        exp: Math.floor(day(12).getTime() / 1000),
        parent: streetGrant.grantId,
        jti: crypto.randomUUID(),
      },
      nodeAsIssuer(nodeDir(STREET), readNodeChain(nodeDir(STREET))!),
      { id: 'staff:admin', org: STREET },
      now,
    ),
  );
  await publishSeed(district.hub!.store, [grantB]);
  for (const org of [A, B]) {
    await eventually(() => node(org).services.reference.catalogue.size > 40, 30_000, `catalogue at ${org}`);
    await eventually(
      async () =>
        (await node(org).services.rightsOf({ kind: 'staff', id: 'clerk', name: '王窗口', org, roles: ['clerk'] })).has(
          'case.accept',
        ),
      30_000,
      `rights at ${org}`,
    );
  }
  bKid = node(B).services.guard.writer.kid;
  proxies.get(B)!.set('reset');
  await eventually(() => !node(B).services.sync!.status().connected, 15_000, 'B cut off');
  await publishSeed(district.hub!.store, [nextYearCalendar()]);
  await eventually(
    () => node(A).services.reference.lastCalendarYear === nextYear,
    20_000,
    `the ${nextYear} calendar at A`,
  );
  proxies.get(A)!.set('reset');
  await eventually(() => !node(A).services.sync!.status().connected, 15_000, 'A cut off');
  monthA = new CommunityMonth(() => node(A), {
    org: A,
    street: STREET,
    casesPerDay: CASES_PER_DAY,
    password: PASSWORD,
    setClock,
  });
  monthB = new CommunityMonth(() => node(B), {
    org: B,
    street: STREET,
    casesPerDay: 2,
    kinds: [0],
    password: PASSWORD,
    setClock,
    firstResident: 100_000,
  });
}, 180_000);

afterAll(async () => {
  await district?.close();
  for (const p of proxies.values()) await p.close();
  dir.remove();
});

describe('a month offline', () => {
  const days = () => workingDays(firstMonday, DAYS, (d) => node(A).services.reference.calendar.isWorkingDay(d));
  let lastDay = '';

  it('keeps two cut-off communities working for thirty working days, with the warnings they need', async () => {
    expect(node(B).services.reference.lastCalendarYear).toBe(lastSeededYear);
    const hub = client(district.hubUrl);
    const admin = async () =>
      client(
        district.hubUrl,
        (await hub.post('/identity/login', { kind: 'staff', login: 'admin', password: ADMIN_PASSWORD })).body
          .accessToken,
      );
    let residentToken = '';
    const plan = days();
    // A holds the next year's calendar: 元旦 is no working day there, the days after it are.
    expect(plan).not.toContain(`${nextYear}-01-03`);
    expect(plan.some((d) => d.startsWith(`${nextYear}-`))).toBe(true);
    for (const [k, date] of plan.entries()) {
      if (date > chinaDate(day(12))) monthB.casesPerDay = 0;
      await monthA.day(k, date);
      await monthB.day(k, date);
      setClock(new Date(morningOf(date).getTime() + 8.5 * 3600_000));
      if (k === 1) {
        // Ahead of time at B: its rights end within two weeks, its certificate within a month, its last calendar with the year.
        expect(await warningsAt(B)).toEqual(
          expect.arrayContaining(['rights-ending', 'certificate-expiring', 'calendar-ending']),
        );
        expect(await warningsAt(A)).not.toContain('calendar-ending');
      }
      if (k === 2) {
        // Central changes the cut-off hall cannot know of: a clerk hired at the center for A ...
        const made = await (await admin()).post('/identity/staff', {
          account: 'newclerk',
          name: '李新',
          org: A,
          roles: ['clerk'],
          password: PASSWORD,
        });
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        expect(
          (await client(node(A).url).post('/api/auth/staff-login', { account: 'newclerk', password: PASSWORD })).status,
        ).toBe(401);
      }
      if (k === 4) {
        // ... and the identity keys rotated: a resident's new token does not verify at A yet, and A says why.
        expect((await (await admin()).post('/identity/keys/rotate')).status).toBe(200);
        const signedUp = await signUpResident(district.hubUrl, hubDir, {
          name: '赵六',
          idNumber: '110101199003074477',
          phone: '13700137000',
          password: 'resident-pass-1',
        });
        expect(signedUp.status, JSON.stringify(signedUp.body)).toBe(201);
        residentToken = (
          await hub.post('/identity/login', { kind: 'resident', login: '13700137000', password: 'resident-pass-1' })
        ).body.accessToken;
        const atA = await client(node(A).url, residentToken).get('/api/my/cases');
        expect(atA.status).toBe(401);
        expect(atA.body.error.code).toBe('ERR_KEYS_NOT_HELD');
        await eventually(
          async () => (await client(node(STREET).url, residentToken).get('/api/my/cases')).status === 200,
          20_000,
          'the new key at the connected street',
        );
      }
      if (date > chinaDate(day(12)) && !timeline.includes('B rights ended')) {
        // B's grant ran out while it was cut off: it takes no new case (the hub would refuse it), and says so.
        const clerkB = await clerkAt(B);
        const matter = node(B).services.reference.catalogue.get('DC-RS-004')!;
        const refused = await clerkB.post('/api/cases', {
          matterCode: matter.code,
          applicant: {
            kind: 'person',
            name: '钱七',
            idType: 'resident-id',
            idNumber: '11010519491231002X',
            phone: '13800138000',
          },
          received: matter.materials.map((m) => m.id),
        });
        expect(refused.status).toBe(403);
        expect(await warningsAt(B)).toContain('rights-ended');
        timeline.push('B rights ended');
      }
      if (date > chinaDate(day(21)) && !timeline.includes('B certificate ended')) {
        // Its certificate ran out too: its clerks still log in at it (its own tokens), and it says what that means.
        expect(await warningsAt(B)).toContain('certificate-expired');
        expect((await (await clerkAt(B)).get('/api/cases?limit=1')).status).toBe(200);
        timeline.push('B certificate ended');
      }
      if (date.startsWith(`${nextYear}-`) && !timeline.includes('new year')) {
        // Past the last calendar B holds: /status and the window page say its deadlines are provisional; A has the new one.
        expect(await warningsAt(B)).toContain('calendar-ended');
        expect(await warningsAt(A)).not.toContain('calendar-ended');
        for (const page of ['/status', '/window']) {
          const html = await (await fetch(`${node(B).url}${page}`)).text();
          expect(html).toContain(`本站持有的工作日历止于 ${lastSeededYear}-12-31`);
          expect(html).toContain('均为暂定');
        }
        const opened = (await (await clerkAt(B)).get(`/api/cases?limit=1`)).body.items[0];
        expect(opened).toBeDefined();
        timeline.push('new year');
      }
      if (k === 10) expect(await warningsAt(A)).toContain('long-offline');
      lastDay = date;
    }
    expect(timeline).toEqual(['B rights ended', 'B certificate ended', 'new year']);
    expect(monthA.record.cases).toHaveLength(CASES_PER_DAY * DAYS);
    // Nothing reached the street while the lines were cut.
    expect(monthA.record.cases.filter((id) => caseAt(STREET, id))).toEqual([]);
    outageToken = residentToken;
  }, 600_000);

  it("brings all of A's month to the hub, the street and the center when its line returns, with nothing refused", async () => {
    const ids = monthA.record.cases;
    // A's documents of each kind, as a node holds them.
    const kinds = ['rating', 'notice', 'material', 'resident'];
    const held = async (org: string) => {
      const out: Record<string, number> = {};
      for (const kind of kinds)
        out[kind] = (
          await node(org).services.db.allDocs({ startkey: `${kind}:`, endkey: `${kind}:\uffff`, include_docs: true })
        ).rows.filter((r) => (r.doc as { scope?: string }).scope === A).length;
      return out;
    };
    const before = await held(A);
    expect(before.rating).toBeGreaterThan(CASES_PER_DAY * 10);
    expect(before.material).toBe(monthA.record.materials);
    expect(before.notice).toBeGreaterThan(ids.length);
    setClock(new Date(morningOf(lastDay).getTime() + 3 * DAY_MS));
    const healed = Date.now();
    proxies.get(A)!.set('pass');
    await eventually(() => holdsAll(STREET, A, ids), 240_000, "A's month at the street");
    const streetMs = Date.now() - healed;
    await eventually(() => holdsAll(CENTER, A, ids), 240_000, "A's month at the center");
    // Every rating A holds (the device's, and the defaults its keeper wrote after 7 days), notice, scan and register record reaches the street too.
    await eventually(
      async () => {
        const [here, there] = [JSON.stringify(await held(A)), JSON.stringify(await held(STREET))];
        if (here !== there) throw new Error(`${there} at the street, ${here} at A`);
        return true;
      },
      60_000,
      "A's ratings, notices, scans and register at the street",
    );
    const after = await held(A);
    const convergedMs = Date.now() - healed;
    console.log(
      `month offline: ${ids.length} cases, ${JSON.stringify(after)}; at the street ${streetMs} ms after the line returned, everything (center, ratings) ${convergedMs} ms`,
    );

    expect(node(A).services.sync!.status().refused).toEqual([]);
    await eventually(
      async () => (await node(A).services.sync!.refreshWaitingUp()) === 0,
      30_000,
      'nothing left to push at A',
    );
    const audit = auditDecisions(hubDir).get(A);
    expect(audit?.refused, audit?.reasons.join('\n')).toBe(0);
    expect(audit!.accepted).toBeGreaterThan(ids.length);

    // The clerk hired centrally during the outage logs in at A once it has pulled its staff; the resident's new token verifies.
    await eventually(
      async () =>
        (await client(node(A).url).post('/api/auth/staff-login', { account: 'newclerk', password: PASSWORD }))
          .status === 200,
      30_000,
      'the new clerk at A',
    );
    // The resident's token of the outage has lapsed by now; a new one is signed with the same, rotated key, and verifies at A.
    const rotatedKid = decodeProtectedHeader(outageToken).kid;
    const residentToken = (
      await client(district.hubUrl).post('/identity/login', {
        kind: 'resident',
        login: '13700137000',
        password: 'resident-pass-1',
      })
    ).body.accessToken as string;
    expect(decodeProtectedHeader(residentToken).kid).toBe(rotatedKid);
    await eventually(
      async () => (await client(node(A).url, residentToken).get('/api/my/cases')).status === 200,
      30_000,
      'the new identity key at A',
    );

    // The street's and the center's figures count A's month.
    const period = `from=${chinaDate(firstMonday)}&to=${lastDay}&by=node`;
    const completedAtA = ids.filter((id) => node(A).services.index.get(id)?.status === 'completed').length;
    expect(completedAtA).toBeGreaterThan(ids.length / 2);
    for (const org of [STREET, CENTER]) {
      const figures = await (await clerkAt(org)).get(`/api/supervision/figures?${period}`);
      expect(figures.status, JSON.stringify(figures.body)).toBe(200);
      const row = figures.body.rows.find((r: { key: string }) => r.key === A);
      expect(row, `${org} figures`).toMatchObject({ accepted: ids.length, completed: completedAtA });
    }
    // The cases A forwarded while cut off are in the street's inbox now.
    const forwarded = ids.filter((id) => node(STREET).services.index.get(id)?.holder === STREET);
    expect(forwarded).toHaveLength(monthA.record.forwarded);
    // The cases A returned to their applicants (不予受理) are closed so at the street too.
    expect(monthA.record.rejected).toBeGreaterThan(0);
    expect(ids.filter((id) => node(STREET).services.index.get(id)?.status === 'rejected')).toHaveLength(
      monthA.record.rejected,
    );
  }, 600_000);

  it("brings B's work in too once its certificate is renewed over the same key, made while its grant was in force", async () => {
    proxies.get(B)!.set('pass');
    const t0 = Date.now();
    const step = (what: string) => console.log(`B: ${what} after ${Date.now() - t0} ms`);
    // The hub does not let a node with an expired certificate in: B says why, and keeps what it did.
    await eventually(
      async () => (await warningsAt(B)).includes('certificate-expired') && !node(B).services.sync!.status().connected,
      20_000,
      'B refused for its certificate',
    );
    step('refused');
    const ids = monthB.record.cases;
    expect(ids.filter((id) => caseAt(STREET, id))).toEqual([]);
    // Renewal: a new certificate for the key B always had (hallnet csr reads node.key.pem), installed, the node restarted.
    const ca = initDistrictCa(hubDir, 'dongcheng', '东城区 CA');
    writeNodeChain(nodeDir(B), signCsr(nodeCsr(nodeDir(B), B, '景山东街社区服务站'), ca, 365, clock()));
    await district.stopNode(B);
    await district.startNode(B);
    expect(node(B).services.guard.writer.kid).toBe(bKid);
    step('restarted');
    await eventually(() => holdsAll(STREET, B, ids), 120_000, "B's work at the street");
    step('cases at the street');
    const ratingsAtB = (await node(B).services.db.allDocs({ startkey: 'rating:', endkey: 'rating:\uffff' })).rows
      .length;
    expect(ratingsAtB).toBeGreaterThan(0);
    await eventually(
      async () => (await node(B).services.sync!.refreshWaitingUp()) === 0,
      30_000,
      'nothing left to push at B',
    );
    expect(node(B).services.sync!.status().refused).toEqual([]);
    const audit = auditDecisions(hubDir).get(B);
    expect(audit?.refused, audit?.reasons.join('\n')).toBe(0);

    // Its street renews its grant; B takes cases again.
    const streetAdmin = await clerkClient(node(STREET).url, 'admin', PASSWORD);
    const renewed = await streetAdmin.post('/api/grants', {
      grantee: { org: B },
      subtree: B,
      rights: ['case.accept', 'case.forward', 'case.deliver'],
      until: new Date(now.getTime() + 200 * DAY_MS).toISOString(),
    });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
    const matter = node(B).services.reference.catalogue.get('DC-RS-004')!;
    await eventually(
      async () => {
        const clerkB = await clerkAt(B);
        const res = await clerkB.post('/api/cases', {
          matterCode: matter.code,
          applicant: {
            kind: 'person',
            name: '钱七',
            idType: 'resident-id',
            idNumber: '11010519491231002X',
            phone: '13800138000',
          },
          received: matter.materials.map((m) => m.id),
        });
        if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        return true;
      },
      30_000,
      'B accepting again',
    );
    expect(await warningsAt(B)).not.toContain('rights-ended');
    // Nothing any hall did all month was refused.
    for (const [org, row] of auditDecisions(hubDir)) expect(row.refused, `${org}: ${row.reasons.join('\n')}`).toBe(0);
  }, 300_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { APPLICANT } from './support/fixtures.js';
import { clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const ORGS = [CENTER, STREET, A];
const clerk = [{ account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD }];

const dir = tempDir();
let district: RunningDistrict;
const clients = new Map<string, Client>();

async function login(org: string): Promise<void> {
  clients.set(org, await clerkClient(district.nodes.get(org)!.url, 'clerk', PASSWORD));
}

function matterAt(org: string) {
  const matter = district.nodes.get(org)!.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
  return { matter, received: matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id) };
}

async function accept(org: string): Promise<string> {
  const { matter, received } = matterAt(org);
  const res = await clients.get(org)!.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The event ids and status of a case as a node holds it, or undefined. */
function seenAt(org: string, id: string) {
  const c = district.nodes.get(org)?.services.index.get(id);
  return c && { status: c.status, events: c.events.map((e) => e.id).sort() };
}

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: ORGS.map((org) => ({ org, staff: clerk })) });
  for (const org of ORGS) {
    await eventually(
      () => district.nodes.get(org)!.services.reference.catalogue.size > 40,
      20_000,
      `catalogue at ${org}`,
    );
    await login(org);
  }
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('offline, then converging', () => {
  it('keeps every event written on both sides while the hub is down, with one state everywhere', async () => {
    const shared = await accept(A);
    await eventually(() => seenAt(STREET, shared), 15_000, 'shared case at street');

    await district.stopHub();
    // An optional paper, taken in on both sides: neither knows the other has it, so both write.
    const optional = matterAt(A).matter.materials.find((m) => m.necessity === 'optional')!.id;
    const atA = await clients
      .get(A)!
      .post(`/api/cases/${shared}/events`, { kind: 'material-received', materialId: optional, note: '社区补交' });
    const atStreet = await clients
      .get(STREET)!
      .post(`/api/cases/${shared}/events`, { kind: 'material-received', materialId: optional, note: '街道核验' });
    expect(atA.status).toBe(201);
    expect(atStreet.status).toBe(201);
    const offlineCases = [await accept(A), await accept(A), await accept(A)];
    await eventually(
      async () => (await clients.get(A)!.get('/api/status')).body.sync.connected === false,
      10_000,
      'A sees the hub gone',
    );

    await district.startHub();
    const everywhere = [shared, ...offlineCases];
    for (const org of ORGS) {
      for (const id of everywhere) await eventually(() => seenAt(org, id), 20_000, `${id} at ${org}`);
    }
    // Both offline events survive, at every node, in one merged log.
    await eventually(
      () => ORGS.every((org) => seenAt(org, shared)?.events.length === 3),
      20_000,
      'both offline events everywhere',
    );
    const reference = seenAt(CENTER, shared);
    for (const org of ORGS) expect(seenAt(org, shared)).toEqual(reference);
    const notes = district.nodes
      .get(CENTER)!
      .services.index.get(shared)!
      .events.map((e) => ('note' in e ? e.note : undefined));
    expect(notes).toEqual(expect.arrayContaining(['社区补交', '街道核验']));
  }, 90_000);

  it('converges when a node restarts in the middle of its sync', async () => {
    await district.stopNode(STREET);
    const burst: string[] = [];
    for (let i = 0; i < 40; i++) burst.push(await accept(A));
    await district.startNode(STREET);
    // Cut the street off while it is pulling the burst, then bring it back.
    await eventually(() => district.nodes.get(STREET)!.services.index.size > 0, 10_000, 'street pulling');
    await district.stopNode(STREET);
    await district.startNode(STREET);
    await login(STREET);
    await eventually(() => burst.every((id) => seenAt(STREET, id)), 30_000, 'whole burst at street');
    for (const id of burst) expect(seenAt(STREET, id)).toEqual(seenAt(A, id));
  }, 90_000);
});

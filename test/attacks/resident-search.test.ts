import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDocuments } from '../../deploy/seed/index.js';
import { startNode, type RunningNode } from '../../node/start-node.js';
import { clerkClient, type Client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { APPLICANT, OTHER_APPLICANT } from '../support/fixtures.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';

// 一表一库 at the district center: the center's register holds every applicant its windows took.
// A department's desk there, even one given the clerk role, reads an applicant's details only where
// its department has a case of his (what it sees of that case anyway), never the rest of the register.
const CENTER = 'dongcheng';
const DISABLED = 'dongcheng/dept/disabled';
const HEALTH = 'dongcheng/dept/health';
const clerk = (account: string, org: string) => ({
  account,
  name: account,
  roles: ['clerk' as const],
  password: PASSWORD,
  org,
});

const dir = tempDir('hallnet-resident-search-');
let node: RunningNode;
let center: Client;
let disabledDesk: Client;
let healthDesk: Client;

const search = (who: Client, a: typeof APPLICANT) =>
  who.get(`/api/residents?idType=${a.idType}&idNumber=${a.idNumber}`);

beforeAll(async () => {
  node = await startNode(
    {
      dataDir: dir.path,
      host: '127.0.0.1',
      port: 0,
      org: CENTER,
      level: 4,
      yellowHours: 24,
      seed: true,
      hubUrl: undefined,
      windows: [],
      logLevel: 'silent',
    },
    {
      logger: pino({ level: 'silent' }),
      seedDocs: seedDocuments(),
      staff: [clerk('clerk', CENTER), clerk('desk.disabled', DISABLED), clerk('desk.health', HEALTH)],
    },
  );
  center = await clerkClient(node.url, 'clerk', PASSWORD);
  disabledDesk = await clerkClient(node.url, 'desk.disabled', PASSWORD);
  healthDesk = await clerkClient(node.url, 'desk.health', PASSWORD);
  const matter = node.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  for (const applicant of [APPLICANT, OTHER_APPLICANT]) {
    const res = await center.post('/api/cases', { matterCode: matter.code, applicant, received });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (applicant === APPLICANT) {
      const fw = await center.post(`/api/cases/${res.body.id}/events`, { kind: 'forwarded', to: DISABLED });
      expect(fw.status, JSON.stringify(fw.body)).toBe(201);
    }
  }
  await eventually(async () => (await search(center, OTHER_APPLICANT)).status === 200, 10_000, 'register written');
}, 60_000);

afterAll(async () => {
  await node?.close();
  dir.remove();
});

describe('the resident register at the district center', () => {
  it("prefills the center's own clerks' form for every applicant it took", async () => {
    for (const a of [APPLICANT, OTHER_APPLICANT])
      expect((await search(center, a)).body).toMatchObject({ name: a.name, idNumber: a.idNumber, phone: a.phone });
  });

  it("gives a department's desk the applicant of its department's case", async () => {
    expect((await search(disabledDesk, APPLICANT)).body).toMatchObject({ name: APPLICANT.name });
  });

  it("gives a department's desk nobody it has no case for, answering as for an unknown applicant", async () => {
    for (const [who, a] of [
      [disabledDesk, OTHER_APPLICANT],
      [healthDesk, APPLICANT],
      [healthDesk, OTHER_APPLICANT],
    ] as const) {
      const res = await search(who, a);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('ERR_NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain(a.phone);
    }
  });
});

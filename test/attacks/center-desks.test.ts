import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { client, type Client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { APPLICANT, OTHER_APPLICANT } from '../support/fixtures.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';

// 进驻中心: a department without a node of its own keeps a desk at the district center, whose
// replica holds every case of the district. The desk's staff are the department's, not the
// center's: through the center's API they see what their department's own node would hold (cases
// with their department among the parties), never the rest of the district's applicants.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const DISABLED = 'dongcheng/dept/disabled';
const HEALTH = 'dongcheng/dept/health';
const desk = (account: string, org: string) => ({
  account,
  name: account,
  roles: ['back-office' as const],
  password: PASSWORD,
  org,
});
const CLERK = { account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD };
/** The first bytes of a PNG: what the upload check asks of a scan. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const dir = tempDir('hallnet-center-desks-');
let district: RunningDistrict;
let center: Client;
let centerToken: string;
let healthToken: string;
let disabledDesk: Client;
let healthDesk: Client;
/** A 残疾人证 case the station forwarded to the disabled persons' federation. */
let forwarded: string;
/** A case the station keeps: no department is a party. */
let kept: string;
/** The scan of one of the kept case's materials. */
let scan: string;
const url = (org: string) => district.nodes.get(org)!.url;

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER, staff: [CLERK, desk('desk.disabled', DISABLED), desk('desk.health', HEALTH)] },
      { org: STREET },
      { org: A, staff: [CLERK] },
    ],
  });
  for (const org of [CENTER, A])
    await eventually(
      () => district.nodes.get(org)!.services.reference.catalogue.size > 40,
      30_000,
      `catalogue at ${org}`,
    );
  const stationToken = await tokenAt(A, CLERK.account);
  const station = client(url(A), stationToken);
  const matter = district.nodes.get(A)!.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const accept = async (applicant: typeof APPLICANT) => {
    const res = await station.post('/api/cases', { matterCode: matter.code, applicant, received });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  forwarded = await accept(APPLICANT);
  const fw = await station.post(`/api/cases/${forwarded}/events`, { kind: 'forwarded', to: DISABLED });
  expect(fw.status, JSON.stringify(fw.body)).toBe(201);
  kept = await accept(OTHER_APPLICANT);
  const upload = await fetch(`${url(A)}/api/cases/${kept}/materials/${matter.materials[0]!.id}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stationToken}`, 'content-type': 'image/png' },
    body: PNG,
  });
  expect(upload.status, await upload.clone().text()).toBe(201);
  scan = ((await upload.json()) as { _id: string })._id;

  centerToken = await tokenAt(CENTER, CLERK.account);
  center = client(url(CENTER), centerToken);
  disabledDesk = client(url(CENTER), await tokenAt(CENTER, 'desk.disabled'));
  healthToken = await tokenAt(CENTER, 'desk.health');
  healthDesk = client(url(CENTER), healthToken);
  // The center's own clerk sees both cases and the scan once they have reached its replica.
  await eventually(
    async () =>
      (await center.get(`/api/cases/${forwarded}`)).body?.holder === DISABLED &&
      (await center.get(`/api/cases/${kept}`)).status === 200 &&
      (await fileAt(centerToken)).status === 200,
    40_000,
    'both cases and the scan at the center',
  );
}, 180_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

/** A member of staff's token from a login at the node of `org`. */
async function tokenAt(org: string, account: string): Promise<string> {
  const res = await client(url(org)).post('/api/auth/staff-login', { account, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token as string;
}

/** The scan's file as the center's node serves it to the holder of `token`. */
const fileAt = (token: string) =>
  fetch(`${url(CENTER)}/api/materials/${scan}/file`, { headers: { authorization: `Bearer ${token}` } });

const ids = async (who: Client) =>
  ((await who.get('/api/cases?limit=200')).body.items as { id: string }[]).map((c) => c.id);

describe("a department's desk at the district center", () => {
  it("lists and opens its own department's case, and no other", async () => {
    expect(await ids(center)).toEqual(expect.arrayContaining([forwarded, kept]));
    expect(await ids(disabledDesk)).toEqual([forwarded]);
    expect((await disabledDesk.get(`/api/cases/${forwarded}`)).status).toBe(200);
    expect((await disabledDesk.get(`/api/cases/${kept}`)).status).toBe(404);
  });

  it('sees nothing of a case its department has no part in: not listed, not found, no materials, no search by ID number', async () => {
    expect(await ids(healthDesk)).toEqual([]);
    expect((await healthDesk.get(`/api/cases?q=${OTHER_APPLICANT.idNumber}`)).body.total).toBe(0);
    for (const id of [forwarded, kept]) {
      const res = await healthDesk.get(`/api/cases/${id}`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(OTHER_APPLICANT.idNumber);
      expect((await healthDesk.get(`/api/cases/${id}/materials`)).status).toBe(404);
    }
  });

  it("cannot download another office's scan", async () => {
    const res = await fileAt(healthToken);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('cannot act on a case it does not see', async () => {
    const res = await healthDesk.post(`/api/cases/${kept}/events`, { kind: 'forwarded', to: HEALTH });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ERR_NOT_FOUND');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { hallnetAsync } from './support/cli-process.js';
import { APPLICANT } from './support/fixtures.js';
import { clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const admin = [{ account: 'admin', name: '管理员', roles: ['admin' as const], password: PASSWORD }];
const clerk = [{ account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD }];
const inAYear = () => new Date(Date.now() + 360 * 86_400_000).toISOString();

const dir = tempDir();
let district: RunningDistrict;
let centerAdmin: Client;
let streetAdmin: Client;
let streetGrant: string;

const grantsAt = (org: string) => district.nodes.get(org)!.services.reference.grants;
const aClerk = () => clerkClient(district.nodes.get(A)!.url, 'clerk', PASSWORD);

async function acceptAt(c: Client) {
  const matter = district.nodes.get(A)!.services.reference.catalogue.search({ q: '残疾人证核发' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  return c.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    grants: 'center',
    nodes: [
      { org: CENTER, staff: admin },
      { org: STREET, staff: admin },
      { org: A, staff: clerk },
    ],
  });
  for (const org of [CENTER, STREET, A])
    await eventually(
      () => district.nodes.get(org)!.services.reference.catalogue.size > 40,
      20_000,
      `catalogue at ${org}`,
    );
  centerAdmin = await clerkClient(district.nodes.get(CENTER)!.url, 'admin', PASSWORD);
  streetAdmin = await clerkClient(district.nodes.get(STREET)!.url, 'admin', PASSWORD);
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('分级授权: rights granted level by level', () => {
  it('the district grants 景山 accept, forward and the right to pass them on', async () => {
    const res = await centerAdmin.post('/api/grants', {
      grantee: { org: STREET },
      subtree: STREET,
      rights: ['case.accept', 'case.forward', 'grant'],
      until: inAYear(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('valid');
    streetGrant = res.body.grantId;
    await eventually(
      async () => (await grantsAt(STREET).status(streetGrant)) === 'valid',
      15_000,
      'street grant at the street',
    );
  });

  it('景山 cannot pass on more than it holds: another right, a wider subtree, a later end', async () => {
    for (const body of [
      { grantee: { org: A }, subtree: A, rights: ['case.approve'], until: inAYear() },
      { grantee: { org: A }, subtree: 'dongcheng', rights: ['case.accept'], until: inAYear() },
      {
        grantee: { org: A },
        subtree: A,
        rights: ['case.accept'],
        until: new Date(Date.now() + 800 * 86_400_000).toISOString(),
      },
    ]) {
      const res = await streetAdmin.post('/api/grants', body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ERR_RIGHT_MISSING');
    }
    // Nor can it grant outside its own subtree.
    const outside = await streetAdmin.post('/api/grants', {
      grantee: { org: 'dongcheng/andingmen' },
      subtree: 'dongcheng/andingmen',
      rights: ['case.accept'],
      until: inAYear(),
    });
    expect(outside.status).toBe(403);
  });

  it('景山 grants one community accept only: its clerk can accept but not forward', async () => {
    const res = await streetAdmin.post('/api/grants', {
      grantee: { org: A },
      subtree: A,
      rights: ['case.accept'],
      until: new Date(Date.now() + 300 * 86_400_000).toISOString(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await eventually(
      async () => (await grantsAt(A).status(res.body.grantId)) === 'valid',
      15_000,
      'community grant at A',
    );
    const c = await aClerk();
    expect((await c.get('/api/auth/me')).body.rights).toEqual(['case.accept']);
    const accepted = await acceptAt(c);
    expect(accepted.status).toBe(201);
    const forward = await c.post(`/api/cases/${accepted.body.id}/events`, {
      kind: 'forwarded',
      to: STREET,
      note: '请街道审核',
    });
    expect(forward.status).toBe(403);
    expect(forward.body.error.code).toBe('ERR_RIGHT_MISSING');
    // The hub took the community's case: a case right was granted to it.
    await eventually(
      () => district.nodes.get(STREET)!.services.index.get(accepted.body.id),
      15_000,
      'case at the street',
    );
  });

  it('lists the grants with the hallnet command, as a street administrator would', async () => {
    const out = await hallnetAsync(['grant', 'list', '--node', district.nodes.get(STREET)!.url, '--account', 'admin'], {
      HALLNET_PASSWORD: PASSWORD,
    });
    expect(out).toMatch(/valid\s+dongcheng → dongcheng\/jingshan\s+case.accept,case.forward,grant/);
    expect(out).toMatch(/valid\s+dongcheng\/jingshan → dongcheng\/jingshan\/huangchenggen\s+case.accept/);
  });

  it("revoking 景山's grant cuts the community's too, even at a node that was offline when it was written", async () => {
    await district.stopNode(A);
    const revoked = await centerAdmin.post(`/api/grants/${streetGrant}/revoke`, { reason: '职能调整' });
    expect(revoked.status).toBe(200);
    await eventually(
      async () => (await grantsAt(STREET).status(streetGrant)) === 'revoked',
      15_000,
      'revocation at the street',
    );
    expect(
      (
        await streetAdmin.post('/api/grants', {
          grantee: { org: A },
          subtree: A,
          rights: ['case.accept'],
          until: inAYear(),
        })
      ).status,
    ).toBe(403);

    await district.startNode(A);
    await eventually(
      async () => (await grantsAt(A).status(streetGrant)) === 'revoked',
      15_000,
      'revocation reaches A when it returns',
    );
    const c = await aClerk();
    expect((await c.get('/api/auth/me')).body.rights).toEqual([]);
    const refused = await acceptAt(c);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ERR_RIGHT_MISSING');
  });
});

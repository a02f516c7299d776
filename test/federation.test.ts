import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { startExpressPouch } from '../hub/testing/express-pouch-server.js';
import { APPLICANT, OTHER_APPLICANT } from './support/fixtures.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const B = 'dongcheng/jingshan/jixiang';
const OTHER = 'dongcheng/andingmen/guozijian';
const ORGS = [CENTER, STREET, A, B, OTHER];
const clerk = [{ account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD }];

for (const storeKind of ['embedded PouchDB', 'CouchDB through nano'] as const) {
  describe(`a district syncing through the hub (${storeKind})`, () => {
    const dir = tempDir();
    let couch: { url: string; close(): Promise<void> } | undefined;
    let district: RunningDistrict;
    const clients = new Map<string, Client>();

    beforeAll(async () => {
      if (storeKind === 'CouchDB through nano') couch = await startExpressPouch(`${dir.path}/couch`);
      district = await startDistrict({
        dir: dir.path,
        nodes: ORGS.map((org) => ({ org, staff: clerk })),
        ...(couch ? { couchUrl: couch.url } : {}),
      });
      for (const org of ORGS) {
        const node = district.nodes.get(org)!;
        // The catalogue reaches every node from the hub: nothing is seeded at the nodes.
        await eventually(() => node.services.reference.catalogue.size > 40, 20_000, `catalogue at ${org}`);
        clients.set(org, await clerkClient(node.url, 'clerk', PASSWORD));
      }
    }, 90_000);

    afterAll(async () => {
      await district?.close();
      await couch?.close();
      dir.remove();
    });

    async function tokenOf(org: string): Promise<string> {
      return (
        await client(district.nodes.get(org)!.url).post('/api/auth/staff-login', {
          account: 'clerk',
          password: PASSWORD,
        })
      ).body.token;
    }

    async function accept(org: string, applicant = APPLICANT): Promise<string> {
      const node = district.nodes.get(org)!;
      const matter = node.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
      const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
      const res = await clients.get(org)!.post('/api/cases', { matterCode: matter.code, applicant, received });
      expect(res.status).toBe(201);
      return res.body.id;
    }

    const holds = (org: string, id: string) => district.nodes.get(org)!.services.index.get(id) !== undefined;

    it('carries a case from community A to its street and the district, never to B or the other street', async () => {
      const id = await accept(A);
      await eventually(() => holds(STREET, id) && holds(CENTER, id), 15_000, 'case at street and district');
      // The street and district have it; give the others the same time to (wrongly) receive it.
      const otherCase = await accept(OTHER, OTHER_APPLICANT);
      await eventually(() => holds(CENTER, otherCase), 15_000, 'other case at district');
      expect(holds(B, id)).toBe(false);
      expect(holds(OTHER, id)).toBe(false);
      expect(holds(STREET, otherCase)).toBe(false);
      expect(holds(A, otherCase)).toBe(false);
      expect(holds(B, otherCase)).toBe(false);
      const atStreet = await clients.get(STREET)!.get(`/api/cases/${id}`);
      expect(atStreet.status).toBe(200);
      expect(atStreet.body.acceptedBy).toMatchObject({ id: 'staff:clerk', org: A });
    });

    it('carries events written at the street back down to the community', async () => {
      const id = await accept(A);
      await eventually(() => holds(STREET, id), 15_000, 'case at street');
      // The street holds what its communities hold, but decides only what they forward to it.
      expect(
        (await clients.get(STREET)!.post(`/api/cases/${id}/events`, { kind: 'completed', result: '街道办结' })).status,
      ).toBe(409);
      expect((await clients.get(A)!.post(`/api/cases/${id}/events`, { kind: 'forwarded', to: STREET })).status).toBe(
        201,
      );
      await eventually(
        () => district.nodes.get(STREET)!.services.index.get(id)?.holder === STREET,
        15_000,
        'forward at street',
      );
      const done = await clients
        .get(STREET)!
        .post(`/api/cases/${id}/events`, { kind: 'completed', result: '街道办结' });
      expect(done.status).toBe(201);
      await eventually(
        () => district.nodes.get(A)!.services.index.get(id)?.status === 'completed',
        15_000,
        'completion at A',
      );
      await eventually(
        () => district.nodes.get(CENTER)!.services.index.get(id)?.status === 'completed',
        15_000,
        'completion at district',
      );
    });

    it('carries a scanned material with its case: its parties grow when the case is forwarded, and no other community holds it', async () => {
      const id = await accept(B);
      const matter = district.nodes.get(B)!.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
      const scan = new TextEncoder().encode('%PDF-1.4 hallnet test scan');
      const upload = await fetch(`${district.nodes.get(B)!.url}/api/cases/${id}/materials/${matter.materials[0]!.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenOf(B)}`, 'content-type': 'application/pdf' },
        body: scan,
      });
      expect(upload.status).toBe(201);
      const wrongType = await fetch(
        `${district.nodes.get(B)!.url}/api/cases/${id}/materials/${matter.materials[0]!.id}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${await tokenOf(B)}`, 'content-type': 'text/html' },
          body: '<script>',
        },
      );
      expect(wrongType.status).toBe(415);
      expect(
        (await clients.get(B)!.post(`/api/cases/${id}/events`, { kind: 'forwarded', to: CENTER, note: '请区残联审核' }))
          .status,
      ).toBe(201);
      const listed = await eventually(
        async () => {
          const res = await clients.get(CENTER)!.get(`/api/cases/${id}/materials`);
          return res.status === 200 && res.body.items.length === 1 && res.body.items;
        },
        15_000,
        'material at the district',
      );
      const file = await fetch(
        `${district.nodes.get(CENTER)!.url}/api/materials/${encodeURIComponent(listed[0].id)}/file`,
        { headers: { authorization: `Bearer ${await tokenOf(CENTER)}` } },
      );
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(scan);
      // The scan follows the case: forwarding made the district a party of the material too.
      await eventually(
        async () => (await district.nodes.get(CENTER)!.services.materials.list(id))[0]?.parties.includes(CENTER),
        15_000,
        'material parties grown',
      );
      expect((await district.nodes.get(A)!.services.materials.list(id)).length).toBe(0);
      expect((await district.nodes.get(OTHER)!.services.materials.list(id)).length).toBe(0);
    });

    it('shows each node its link to the hub', async () => {
      const status = await clients.get(A)!.get('/api/status');
      expect(status.body.sync.connected).toBe(true);
      expect(status.body.certificate.subject).toContain(A);
      expect(status.body.sync.refused).toEqual([]);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { parseBatchSignature } from '../sync/batch-signature.js';
import type { CaseDoc } from '../sync/index.js';
import { APPLICANT } from './support/fixtures.js';
import { clerkClient } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
const HALL = 'dongcheng/jingshan/huangchenggen';
const clerk = [{ account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD }];

const dir = tempDir();
let district: RunningDistrict;

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [STREET, HALL].map((org) => ({ org, staff: clerk })) });
  for (const org of [STREET, HALL])
    await eventually(
      () => district.nodes.get(org)!.services.reference.catalogue.size > 40,
      20_000,
      `catalogue at ${org}`,
    );
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('cases accepted at once, signed in one batch', () => {
  it('are taken by the hub and verified at the street like cases signed alone', async () => {
    const hall = district.nodes.get(HALL)!;
    const windows = await clerkClient(hall.url, 'clerk', PASSWORD);
    const matter = hall.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    // Sixteen windows accept at the same moment.
    const accepted = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const res = await windows.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body.id as string;
      }),
    );
    const sigs = await Promise.all(
      accepted.map(async (id) => ((await hall.services.db.get(`case:${id}`)) as CaseDoc).events[0]!.sig),
    );
    // Some shared one RSA signature: this test is about those.
    const batched = sigs.flatMap((sig) => parseBatchSignature(sig)?.rootSig ?? []);
    expect(batched.length).toBeGreaterThan(1);
    expect(new Set(batched).size).toBeLessThan(batched.length);

    const street = district.nodes.get(STREET)!;
    await eventually(() => accepted.every((id) => street.services.index.get(id)), 20_000, 'every case at the street');
    expect(hall.services.sync!.status().refused).toEqual([]);
    // The street verified every event itself (it never signed them): none flagged, none untrusted.
    expect(street.services.index.flagged()).toEqual([]);
    expect(street.services.index.untrusted()).toEqual([]);
    const boss = await clerkClient(street.url, 'clerk', PASSWORD);
    for (const id of accepted) expect((await boss.get(`/api/cases/${id}`)).status).toBe(200);
  }, 60_000);
});

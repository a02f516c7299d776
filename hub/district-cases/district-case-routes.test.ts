import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELAY_HEADERS, type Principal } from '../../identity/index.js';
import { APPLICANT, caseDoc, OTHER_APPLICANT, UNSIGNED } from '../../test/support/fixtures.js';
import { tempDir } from '../../test/support/temp-dir.js';
import {
  checkCharacter,
  HallnetError,
  jsonErrorHandler,
  RESIDENT_TOKEN_HEADER,
  type CaseDoc,
} from '../../sync/index.js';
import { createHubRoutes } from '../hub-routes.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { CaseLookup } from './case-lookup.js';
import { registerDistrictCaseRoutes } from './district-case-routes.js';

const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const code = (body: string) => body + checkCharacter(body);
const resident = (idNumber: string, verified = true): Principal => ({
  kind: 'resident',
  id: randomUUID(),
  name: '居民',
  idNumber,
  phone: '13800138000',
  verified,
});
const ZHANG = resident(APPLICANT.idNumber);
const LI = resident(OTHER_APPLICANT.idNumber);
const TOKENS: Record<string, Principal> = { zhang: ZHANG, li: LI, unverified: resident(APPLICANT.idNumber, false) };

const dir = tempDir();
let store: Store;
let ready = true;
const lookup = new CaseLookup();
const zhangs = [0, 1].map((i) => ({ ...caseDoc(COMMUNITY), queryCode: code(`ZHANG0000${i}`) }));
const lis: CaseDoc = { ...caseDoc(COMMUNITY), queryCode: code('LI00000000'), applicant: OTHER_APPLICANT };
// Zhang's second case was returned for a material, on a conflicting revision the compactor has not merged yet.
const returned = {
  id: randomUUID(),
  at: '2026-11-03T02:00:00.000Z',
  actor: { id: 'staff:x', org: COMMUNITY },
  ...UNSIGNED,
  kind: 'returned',
  to: COMMUNITY,
  note: '请补充',
  materials: ['m1'],
} as const;

const residentOf = async (token: string): Promise<Principal> => {
  const p = TOKENS[token];
  if (!p) throw new HallnetError('ERR_TOKEN_INVALID', 'forged');
  return p;
};

function app() {
  const routes = createHubRoutes({
    authorizeNode: (c) => {
      if (c.req.header('authorization') !== 'Bearer node-token')
        throw new HallnetError('ERR_UNAUTHENTICATED', 'a node token is required');
      return 'dongcheng/andingmen/guozijian';
    },
    authenticate: residentOf,
  });
  routes.app.onError(jsonErrorHandler());
  registerDistrictCaseRoutes(routes, {
    store,
    lookup,
    ready: () => ready,
    reference: { orgName: (p) => (p === COMMUNITY ? '皇城根社区服务站' : p), matter: () => undefined },
    limits: { perAddress: 5, perCode: 3, perNode: 1000, perResident: 100 },
    clock: () => new Date(),
    verifyResident: residentOf,
  });
  return routes.app;
}

beforeAll(async () => {
  store = await createPouchStore({ dir: dir.path });
  await store.bulkDocs([...zhangs, lis] as unknown as StoredDoc[], { newEdits: true });
  const second = (await store.get(zhangs[1]!._id))!;
  await store.bulkDocs(
    [
      {
        ...second,
        _rev: `2-${'a'.repeat(32)}`,
        _revisions: { start: 2, ids: ['a'.repeat(32), second._rev!.slice(2)] },
        events: [...zhangs[1]!.events, returned],
      },
    ],
    { newEdits: false },
  );
  for (const d of [...zhangs, lis]) lookup.take(d);
});
afterAll(async () => {
  await store.close();
  dir.remove();
});

let theApp: ReturnType<typeof app>;
const hub = () => (theApp ??= app());
const get = (path: string, headers: Record<string, string> = {}) =>
  hub().request(path, { headers: { authorization: 'Bearer node-token', ...headers } });
const asResident = (path: string, token: string) => get(path, { [RESIDENT_TOKEN_HEADER]: token });

describe("the hub's district-wide case lookups", () => {
  it('tracks any case by its code for a node: status and public steps, nothing personal', async () => {
    const res = await get(`/api/track/${zhangs[0]!.queryCode.toLowerCase()}`, {
      [RELAY_HEADERS.clientAddress]: '198.51.100.7',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      queryCode: zhangs[0]!.queryCode,
      acceptedAtName: '皇城根社区服务站',
      phase: 'processing',
    });
    for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone])
      expect(JSON.stringify(body)).not.toContain(secret);
    expect((await get(`/api/track/${code('NOSUCHCASE')}`)).status).toBe(404);
    expect((await hub().request(`/api/track/${zhangs[0]!.queryCode}`)).status).toBe(401);
  });

  it('limits tries of one code across every address, saying when to come back', async () => {
    const c = lis.queryCode;
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await get(`/api/track/${c}`, { [RELAY_HEADERS.clientAddress]: `198.51.100.${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await get(`/api/track/${c}`, { [RELAY_HEADERS.clientAddress]: '198.51.100.99' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does not let others who know a code lock its own resident out: his tracking counts against his own limit', async () => {
    const c = zhangs[1]!.queryCode;
    const from = (i: number, token?: string) =>
      get(`/api/track/${c}`, {
        [RELAY_HEADERS.clientAddress]: `192.0.2.${i}`,
        ...(token ? { [RESIDENT_TOKEN_HEADER]: token } : {}),
      });
    const statuses = [];
    // Strangers use up the code's limit (3), one of them logged in as another resident, one with a forged token.
    for (const [i, token] of [[1], [2, 'li'], [3, 'forged'], [4]] as const)
      statuses.push((await from(i, token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Zhang, logged in at some hall, still tracks his case; an unverified account with his number does not.
    expect((await from(5, 'zhang')).status).toBe(200);
    expect((await from(6, 'zhang')).status).toBe(200);
    expect((await from(7, 'unverified')).status).toBe(429);
  });

  it('limits one resident address walking the code space, as the hall relays it', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await get(`/api/track/${code(`WALK00000${i}`)}`, { [RELAY_HEADERS.clientAddress]: '203.0.113.50' })).status,
      );
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    // Another address behind the same hall is not held back.
    expect(
      (await get(`/api/track/${code('WALK000009')}`, { [RELAY_HEADERS.clientAddress]: '203.0.113.51' })).status,
    ).toBe(404);
  });

  it("lists a verified resident's cases by the ID number in his token, merging a conflicting revision's events", async () => {
    const res = await asResident('/api/my/cases', 'zhang');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; phase: string }[] };
    expect(body.items.map((c) => c.id).sort()).toEqual(zhangs.map((d) => d._id.slice(5)).sort());
    expect(body.items.find((c) => c.id === zhangs[1]!._id.slice(5))!.phase).toBe('returned');
    const li = (await (await asResident('/api/my/cases', 'li')).json()) as { items: { id: string }[] };
    expect(li.items.map((c) => c.id)).toEqual([lis._id.slice(5)]);
  });

  it("answers another's case by id with the same 404 as a missing one; forged and unverified tokens with 401", async () => {
    expect((await asResident(`/api/my/cases/${zhangs[0]!._id.slice(5)}`, 'zhang')).status).toBe(200);
    const missingId = randomUUID();
    const others = await asResident(`/api/my/cases/${lis._id.slice(5)}`, 'zhang');
    const missing = await asResident(`/api/my/cases/${missingId}`, 'zhang');
    expect([others.status, missing.status]).toEqual([404, 404]);
    // The same words for both, but for the id asked about.
    expect(JSON.stringify(await others.json()).replace(lis._id.slice(5), 'ID')).toBe(
      JSON.stringify(await missing.json()).replace(missingId, 'ID'),
    );
    expect((await asResident('/api/my/cases', 'forged')).status).toBe(401);
    const unverified = await asResident('/api/my/cases', 'unverified');
    expect(unverified.status).toBe(401);
    expect(((await unverified.json()) as { error: { code: string } }).error.code).toBe('ERR_IDENTITY_UNVERIFIED');
    // A resident's token without the node's own proof is refused: only halls ask the hub.
    expect((await hub().request('/api/my/cases', { headers: { [RESIDENT_TOKEN_HEADER]: 'zhang' } })).status).toBe(401);
  });

  it('answers 503 with Retry-After until the lookup holds every case', async () => {
    ready = false;
    try {
      const res = await get(`/api/track/${zhangs[0]!.queryCode}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      ready = true;
    }
  });
});

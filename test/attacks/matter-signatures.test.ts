import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import type { StoredDoc } from '../../hub/store/store.js';
import { matterDocId, matterVersionDocId } from '../../sync/index.js';
import { clerkClient } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { attackerOf, firstRev, nextRev, type Attacker, type Forged } from './support/attacker.js';
import { by, proven } from './support/forge-docs.js';

// 一口发布 signed: a published matter version carries the proof of the district root's node. The hub
// refuses a matter that is unsigned, tampered or replayed under another version, whoever pushes it
// (a station, or the center's own key); a hall's catalogue refuses the same when it reaches the
// replica around the gateway (planted in the hub's store, as an old hub or a restored backup holds it).
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const CODE = 'DC-CL-001';
const PASSWORD = 'signature-pass-1';
const ONE = { account: 'cat.one', name: '目录管理员甲', password: PASSWORD, roles: ['admin' as const] };
const TWO = { account: 'cat.two', name: '目录管理员乙', password: PASSWORD, roles: ['admin' as const] };

const dir = tempDir('hallnet-matter-signatures-');
let district: RunningDistrict;
let station: Attacker;
let center: Attacker;
/** The genuine version 2 as the hub holds it, signed by the center's node. */
let signed: Record<string, unknown> & { _id: string; _rev: string };
const catalogueAt = (org: string) => district.nodes.get(org)!.services.reference.catalogue;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A copy of the signed version as version `v` under its own id: its proof kept, its history dropped. */
function asVersion(v: number, change: Record<string, unknown> = {}): Forged {
  const { _rev, _revisions, ...body } = signed;
  void _rev, void _revisions;
  return firstRev({ ...body, ...change, _id: matterVersionDocId(CODE, v), version: v });
}

/** Pushes one revision with `who`'s key and answers the hub's per-document failure. */
async function pushed(who: Attacker, doc: Forged) {
  const [answer] = await who.push('bulk', [doc]);
  return answer!;
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [{ org: CENTER, staff: [ONE, TWO] }, { org: STREET }, { org: A }],
  });
  for (const org of [CENTER, A]) await eventually(() => catalogueAt(org).get(CODE), 20_000, `catalogue at ${org}`);
  // The genuine version 2: drafted, reviewed by the second admin, published.
  const one = await clerkClient(district.nodes.get(CENTER)!.url, ONE.account, PASSWORD);
  const two = await clerkClient(district.nodes.get(CENTER)!.url, TWO.account, PASSWORD);
  const { _id, _rev, type, scope, parties, author, at, proof, version, ...fields } = catalogueAt(CENTER).get(
    CODE,
  )! as unknown as Record<string, unknown>;
  void [_id, _rev, type, scope, parties, author, at, proof, version];
  const matter = {
    ...fields,
    promisedDays: 12,
    materials: (fields.materials as { necessity: string; form?: string }[]).map((m) =>
      m.necessity === 'required' && !m.form ? { ...m, source: '申请人自备' } : m,
    ),
  };
  expect((await one.post('/api/catalogue-drafts', { code: CODE, matter, effectiveFrom: today() })).status).toBe(201);
  expect((await two.post(`/api/catalogue-drafts/${CODE}/2/approve`)).status).toBe(200);
  expect((await two.post(`/api/catalogue-drafts/${CODE}/2/publish`)).status).toBe(200);
  station = attackerOf(A, district.nodeDir(A), district.hubUrl, dir.path);
  center = attackerOf(CENTER, district.nodeDir(CENTER), district.hubUrl, dir.path);
  signed = await eventually(
    async () => await center.read(matterVersionDocId(CODE, 2)).catch(() => undefined),
    20_000,
    'version 2 at the hub',
  );
}, 90_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe("a published matter carries the district's signature", () => {
  it("every hall takes the genuine version: signed by the center's node, verified against its certificate", async () => {
    expect(signed.proof).toMatchObject({ kid: expect.any(String), sig: expect.any(String) });
    await eventually(() => catalogueAt(A).get(CODE)?.version === 2, 20_000, 'version 2 at the station');
    expect(catalogueAt(A).get(CODE)?.promisedDays).toBe(12);
  });

  it('the hub refuses a forged, unsigned, tampered or replayed matter, and stores none of them', async () => {
    const cases: [string, Attacker, Forged, RegExp][] = [
      [
        'a station pushing a forged version signed with its own key',
        station,
        proven(station.signer, { ...asVersion(3, { materials: [] }), ...by(A), proof: undefined }),
        /only the district may write matter documents/,
      ],
      [
        "an unsigned version under the center's key",
        center,
        asVersion(4, { materials: [], proof: undefined }),
        /carries no proof/,
      ],
      [
        'the signed version tampered (no materials needed) as the next version',
        center,
        asVersion(5, { materials: [] }),
        /proof does not verify/,
      ],
      [
        'the signed version 2 replayed as version 6, its body unchanged',
        center,
        firstRev({ ...asVersion(6), version: 2 }),
        /id names its code and version/,
      ],
      [
        'the signed version 2 replayed as a new revision of itself',
        center,
        nextRev(signed, { ...signed, at: new Date().toISOString() }),
        /never changes/,
      ],
    ];
    for (const [name, who, doc, reason] of cases) {
      const answer = await pushed(who, doc);
      expect(answer.failure?.error, name).toBe('forbidden');
      expect(answer.failure?.reason ?? '', name).toMatch(reason);
      const [held] = await district.hub!.store.openRevs(doc._id, [doc._rev], {});
      expect(held && 'ok' in held ? held.ok : undefined, `${name}: in the hub's store`).toBeUndefined();
    }
    expect(catalogueAt(A).latest(CODE)?.version).toBe(2);
  });

  it("planted around the gateway, they reach the halls' replicas but no hall's catalogue", async () => {
    const seed = await center.read(matterDocId(CODE));
    const planted: Forged[] = [
      asVersion(7, { materials: [] }),
      asVersion(8, { materials: [], proof: undefined }),
      proven(station.signer, { ...asVersion(9), proof: undefined }),
      // The seed's own version 1, rewritten: no materials needed any more.
      nextRev(seed, { ...seed, materials: [] }),
      // A version 1 of a matter the seed never had, unsigned.
      firstRev({ ...seed, _id: matterDocId('DC-XX-999'), code: 'DC-XX-999', _rev: undefined, _revisions: undefined }),
    ];
    expect(await district.hub!.store.bulkDocs(planted as StoredDoc[], { newEdits: false })).toEqual([]);
    for (const org of [CENTER, A]) {
      const db = district.nodes.get(org)!.services.db;
      for (const doc of planted)
        await eventually(
          async () => ((await db.get(doc._id, { open_revs: [doc._rev] })) as { ok?: unknown }[]).some((r) => r.ok),
          20_000,
          `${doc._id} in the replica at ${org}`,
        );
      const catalogue = catalogueAt(org);
      expect(
        [7, 8, 9].map((v) => catalogue.version(CODE, v)),
        org,
      ).toEqual([undefined, undefined, undefined]);
      expect(catalogue.latest(CODE)?.version, org).toBe(2);
      expect(catalogue.version(CODE, 1)?.materials.length, org).toBeGreaterThan(0);
      expect(catalogue.get('DC-XX-999'), org).toBeUndefined();
    }
  });
});

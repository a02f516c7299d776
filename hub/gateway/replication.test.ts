import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { compactConflicts } from '../compact-conflicts.js';
import { caseDoc, orgDoc, residentDoc, withEvent } from '../testing/hub-fixtures.js';
import { testNode } from '../testing/test-signers.js';
import { hubAs } from '../testing/replica.js';
import {
  DHM,
  DSK,
  HCG,
  JINGSHAN,
  liveIds,
  POLICE,
  PUBLIC_IDS,
  replicate,
  ROOT,
  seededHub,
  type SeededHub,
} from '../testing/seeded-hub.js';
import type { Authenticate } from './gateway-types.js';

/** In these tests a node proves itself with `authorization: Test <org> [<node>]`; `Test expired` plays an expired token. */
const authenticate: Authenticate = async (c) => {
  const m = /^Test (\S+)(?: (\S+))?$/.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) throw new HallnetError('ERR_UNAUTHENTICATED');
  if (m[1] === 'expired') throw new HallnetError('ERR_TOKEN_EXPIRED');
  return testNode(m[1], m[2]);
};

// Stock PouchDB replicas on disk, replicating through the gateway over real HTTP, against both stores.
describe.each(['pouch', 'couch'] as const)('replication through the gateway (%s store)', (kind) => {
  let t: SeededHub;
  let seed: SeededHub['seed'];
  let deletedRecord = '';
  const replica = (name: string) => t.replica(name);
  const as = (org: string, node?: string) => t.as(org, node);
  const http = (path: string, org: string, init?: RequestInit) => t.http(path, org, init);

  beforeAll(async () => {
    t = await seededHub(kind, authenticate);
    seed = t.seed;
  });
  afterAll(() => t?.close());

  it('a street node pulls what it sees and nothing outside its subtree', async () => {
    const street = replica('street-pull');
    const requested: string[] = [];
    await replicate(hubAs(t.hub.dbUrl, `Test ${JINGSHAN}`, requested), street);
    // The batch path, not PouchDB's one-request-per-document fallback after a failed _bulk_get.
    expect(requested.some((r) => r.startsWith('POST') && r.includes('/_bulk_get'))).toBe(true);
    expect(requested.filter((r) => r.includes('open_revs'))).toEqual([]);
    expect(await liveIds(street)).toEqual(
      [...PUBLIC_IDS, seed.hcgCase._id, seed.jsCase._id, seed.hcgMaterial._id as string].sort(),
    );
  });

  it('public types go to every node', async () => {
    const community = replica('dsk-pull');
    await replicate(as(DSK), community);
    expect(await liveIds(community)).toEqual([...PUBLIC_IDS, seed.dskCase._id].sort());
  });

  it('attachments reach the nodes that see their document', async () => {
    const street = replica('street-att');
    await replicate(as(JINGSHAN), street);
    const blob = (await street.getAttachment(seed.hcgMaterial._id as string, 'file')) as Buffer;
    expect(blob.toString()).toBe('材料扫描件');
  });

  it('refuses writes outside the subtree per document, storing the rest of the batch', async () => {
    const node = replica('hcg-writes');
    const ok = caseDoc({ scope: HCG });
    const elsewhere = { ...caseDoc({ scope: HCG }), parties: [DHM] };
    const foreignAuthor = caseDoc({ scope: HCG, author: DHM, by: HCG });
    const publicDoc = orgDoc('dongcheng/jingshan/newcommunity');
    const invalid = { ...caseDoc({ scope: HCG }), applicant: undefined };
    await node.bulkDocs([ok, elsewhere, foreignAuthor, publicDoc, invalid]);
    const { result, denied } = await replicate(node, as(HCG));
    expect(denied.map((d) => d.id).sort()).toEqual(
      [elsewhere._id, foreignAuthor._id, publicDoc._id, invalid._id].sort(),
    );
    expect(result.ok).toBe(true);
    expect(result.docs_written).toBe(1);
    expect(await t.store.get(ok._id)).toBeDefined();
    for (const id of [elsewhere._id, foreignAuthor._id, publicDoc._id as string, invalid._id])
      expect(await t.store.get(id)).toBeUndefined();
  });

  it('delivers a case to a department once a forward makes it a party', async () => {
    const department = replica('police-growth');
    await replicate(as(POLICE), department);
    await expect(department.get(seed.dskCase._id)).rejects.toMatchObject({ status: 404 });
    const community = replica('dsk-growth');
    await replicate(as(DSK), community);
    const doc = await community.get<typeof seed.dskCase>(seed.dskCase._id);
    await community.put(withEvent(doc, DSK, { kind: 'forwarded', to: POLICE }));
    expect((await replicate(community, as(DSK))).denied).toEqual([]);
    await replicate(as(POLICE), department);
    expect(((await department.get<Record<string, unknown>>(seed.dskCase._id)).events as unknown[]).length).toBe(2);
  });

  it('propagates deletions to the nodes that saw the document, and only to them', async () => {
    const writer = replica('hcg-delete');
    const street = replica('street-delete');
    const other = replica('dhm-delete');
    // A hall's register record is the one casework document its hall may delete (sync/write-rule).
    const record = await residentDoc(HCG);
    deletedRecord = record._id as string;
    await writer.put(record as PouchDB.Core.PutDocument<object>);
    expect((await replicate(writer, as(HCG))).denied).toEqual([]);
    await replicate(as(JINGSHAN), street);
    await writer.remove(await writer.get(deletedRecord));
    expect((await replicate(writer, as(HCG))).denied).toEqual([]);
    await replicate(as(JINGSHAN), street);
    await replicate(as(DHM), other);
    await expect(street.get(deletedRecord)).rejects.toMatchObject({ status: 404, reason: 'deleted' });
    const otherChanges = await other.changes({ since: 0 });
    expect(otherChanges.results.map((r) => r.id)).not.toContain(deletedRecord);
    // A node may not delete what it could not write.
    const intruder = replica('dhm-intruder');
    await intruder.bulkDocs([{ _id: seed.jsCase._id, _rev: '9-abcdef', _deleted: true }], { new_edits: false });
    const { denied } = await replicate(intruder, as(DHM));
    expect(denied.map((d) => d.id)).toEqual([seed.jsCase._id]);
  });

  it('keeps both events when two nodes edit one case offline', async () => {
    const community = replica('hcg-offline');
    const street = replica('street-offline');
    // Forwarded to the street, which then decides it while the community takes in late paper, apart.
    const shared = withEvent(caseDoc({ scope: HCG }), HCG, { kind: 'forwarded', to: JINGSHAN });
    await community.put(shared);
    await replicate(community, as(HCG));
    await replicate(as(JINGSHAN), street);
    const c = withEvent(await community.get<typeof shared>(shared._id), HCG);
    await community.put(c);
    const s = withEvent(await street.get<typeof shared>(shared._id), JINGSHAN, { kind: 'completed' });
    await street.put(s);
    const fromCommunity = c.events.at(-1)!;
    const fromStreet = s.events.at(-1)!;
    await replicate(community, as(HCG));
    await replicate(street, as(JINGSHAN));
    expect((await t.store.get(shared._id, { conflicts: true }))?._conflicts).toHaveLength(1);

    const { merged } = await compactConflicts(t.store);
    expect(merged).toContain(shared._id);
    for (const [db, org] of [
      [community, HCG],
      [street, JINGSHAN],
    ] as const) {
      await replicate(as(org), db);
      const doc = await db.get<Record<string, unknown>>(shared._id, { conflicts: true });
      expect(doc._conflicts ?? []).toEqual([]);
      const ids = (doc.events as { id: string }[]).map((e) => e.id);
      expect(ids).toEqual(expect.arrayContaining([fromCommunity.id, fromStreet.id]));
    }
  });

  it('delivers to a live-syncing node within a second', async () => {
    const street = replica('street-live');
    const sync = PouchDB.sync(street, as(JINGSHAN), { live: true, retry: true });
    await new Promise((resolve) => sync.once('paused', resolve));
    const root = replica('root-live');
    const fresh = caseDoc({ scope: HCG, by: ROOT });
    await root.put(fresh);
    await replicate(root, as(ROOT));
    const start = Date.now();
    while (Date.now() - start < 3000) {
      if (
        await street.get(fresh._id).then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const elapsed = Date.now() - start;
    sync.cancel();
    await new Promise((resolve) => sync.on('complete', resolve));
    expect(elapsed).toBeLessThan(1000);
  });

  it('keeps a live sync going through an expired token once a fresh one is sent', async () => {
    let calls = 0;
    const remote = hubAs(t.hub.dbUrl, () => (++calls <= 3 ? 'Test expired' : `Test ${JINGSHAN}`));
    const street = replica('street-expired');
    const errors: unknown[] = [];
    const pull = PouchDB.replicate(remote, street, { live: true, retry: true, back_off_function: () => 20 }).on(
      'error',
      (e) => errors.push(e),
    );
    const deadline = Date.now() + 5000;
    while (
      Date.now() < deadline &&
      !(await street.get(seed.jsCase._id).then(
        () => true,
        () => false,
      ))
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    pull.cancel();
    expect(errors).toEqual([]);
    expect(calls).toBeGreaterThan(3);
    expect((await street.get(seed.jsCase._id))._id).toBe(seed.jsCase._id);
  });

  it('keeps since sequences and tombstone routing valid across a hub restart', async () => {
    const street = replica('street-restart');
    await replicate(as(JINGSHAN), street);
    const before = (await (await http('/db/_changes', JINGSHAN)).json()) as { last_seq: string };
    await t.restart();

    const root = replica('root-restart');
    const visible = caseDoc({ scope: HCG, by: ROOT });
    await root.bulkDocs([visible, caseDoc({ scope: DHM, by: ROOT })]);
    await replicate(root, as(ROOT));
    const after = (await (
      await http(`/db/_changes?since=${encodeURIComponent(before.last_seq)}`, JINGSHAN)
    ).json()) as {
      results: { id: string }[];
    };
    expect(after.results.map((r) => r.id)).toEqual([visible._id]);
    const resumed = await replicate(as(JINGSHAN), street);
    expect(resumed.result.docs_read).toBe(1);
    // A node syncing from scratch after the rebuild still receives the deletion made before it.
    const fresh = replica('street-after-restart');
    await replicate(as(JINGSHAN), fresh);
    const changes = await fresh.changes({ since: 0 });
    expect(changes.results.find((r) => r.id === deletedRecord)?.deleted).toBe(true);
  });
});

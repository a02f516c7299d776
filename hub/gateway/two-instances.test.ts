import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { createCouchStore } from '../store/couch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { startExpressPouch } from '../testing/express-pouch-server.js';
import { caseDoc, materialDoc, orgDoc, testReference, withEvent } from '../testing/hub-fixtures.js';
import { hubAs, openReplica } from '../testing/replica.js';
import { serveGateway, type ServedGateway } from '../testing/serve-gateway.js';
import { testNode } from '../testing/test-signers.js';
import type { Authenticate, WritePolicy } from './gateway-types.js';
import { hubWritePolicy } from './hub-write-policy.js';

const STREET = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';

/** `authorization: Test <org>` is a node at that org, in these tests only. */
const authenticate: Authenticate = async (c) => {
  const m = /^Test (\S+)$/.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) throw new HallnetError('ERR_UNAUTHENTICATED');
  return testNode(m[1]);
};

/**
 * The store as an instance whose follower has not read the latest writes yet sees it: its wait on
 * the store's feed never wakes (until the instance closes), so its index moves only when one of
 * its own requests reads the feed. Between any write and another instance's next read of the feed
 * this is how every instance stands; here it lasts as long as the test needs.
 */
function followerHeldBack(store: Store): Store {
  return {
    ...store,
    waitForChange: (_since, { signal }) =>
      new Promise<boolean>((resolve) => {
        if (signal?.aborted) return resolve(false);
        signal?.addEventListener('abort', () => resolve(false), { once: true });
      }),
  };
}

// Two gateways over one CouchDB-protocol store, as two `hallnet hub` processes behind a balancer:
// instance a is current, instance b's follower is behind. A node that lists a change at a and
// fetches it at b must get it: a document left out of `_bulk_get` is one PouchDB skips for good.
describe('two hub instances over one store, one of them behind the store', () => {
  let dir: string;
  let couch: { url: string; close(): Promise<void> };
  let storeA: Store;
  let storeB: Store;
  let a: ServedGateway;
  let b: ServedGateway;
  const opened: PouchDB.Database[] = [];
  const at = (hub: ServedGateway, path: string, init: RequestInit = {}) =>
    fetch(`${hub.url}${path}`, {
      ...init,
      headers: { authorization: `Test ${STREET}`, 'content-type': 'application/json' },
    });
  const write = async (...docs: Record<string, unknown>[]) =>
    expect(await storeA.bulkDocs(docs as StoredDoc[], { newEdits: true })).toEqual([]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-two-instances-'));
    couch = await startExpressPouch(join(dir, 'couch'));
    storeA = await createCouchStore({ url: couch.url, db: 'hub' });
    storeB = await createCouchStore({ url: couch.url, db: 'hub' });
    await write(orgDoc('dongcheng'), orgDoc(STREET), orgDoc(COMMUNITY));
    a = await serveGateway({ store: storeA, authenticate, longpollMaxMs: 500 });
    b = await serveGateway({ store: followerHeldBack(storeB), authenticate, longpollMaxMs: 500 });
  });
  afterAll(async () => {
    await Promise.all(opened.map((r) => r.close()));
    await a?.close();
    await b?.close();
    await storeA?.close();
    await storeB?.close();
    await couch?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers _bulk_get at the instance behind for a change listed at the other', async () => {
    const kase = caseDoc({ scope: COMMUNITY });
    await write(kase);
    const listed = (await (await at(a, '/db/_changes?style=all_docs&since=0')).json()) as {
      results: { id: string; changes: { rev: string }[] }[];
    };
    const row = listed.results.find((r) => r.id === kase._id);
    expect(row).toBeDefined();
    const asked = { docs: [{ id: kase._id, rev: row!.changes[0]!.rev }] };
    const res = await at(b, '/db/_bulk_get?revs=true&latest=true', { method: 'POST', body: JSON.stringify(asked) });
    expect(res.status).toBe(200);
    const got = (await res.json()) as { results: { id: string; docs: { ok: { _rev: string } }[] }[] };
    expect(got.results.map((r) => [r.id, r.docs[0]?.ok._rev])).toEqual([[kase._id, row!.changes[0]!.rev]]);
  });

  it("answers a document's revisions and its attachment at the instance behind (PouchDB's fallback)", async () => {
    const kase = caseDoc({ scope: COMMUNITY });
    const scan = materialDoc(kase, '材料扫描件') as { _id: string };
    await write(kase, scan);
    const rev = (await storeA.get(scan._id))!._rev;
    const doc = await at(b, `/db/${encodeURIComponent(scan._id)}?revs=true&latest=true&open_revs=["${rev}"]`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { ok: { _id: string } }[]).map((r) => r.ok._id)).toEqual([scan._id]);
    const file = await at(b, `/db/${encodeURIComponent(scan._id)}/file?rev=${rev}`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('材料扫描件');
  });

  it('a PouchDB pull listing changes at one instance and fetching them at the other gets every document', async () => {
    // The balancer's worst luck, every time: `_changes` at a, everything else at b.
    const fromA = hubAs(`${a.url}/db`, `Test ${STREET}`);
    const split = new PouchDB(`${a.url}/db`, {
      fetch: (url: string | Request, init?: RequestInit) => {
        const target = String(url).includes('/_changes') ? String(url) : String(url).replace(a.url, b.url);
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Test ${STREET}`);
        return PouchDB.fetch(target, { ...init, headers });
      },
    } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    opened.push(fromA, split);
    const street = openReplica(dir, 'street');
    opened.push(street);
    const cases = [caseDoc({ scope: COMMUNITY }), caseDoc({ scope: STREET }), caseDoc({ scope: COMMUNITY })];
    await write(...cases);
    await PouchDB.replicate(split, street, { batch_size: 2 });
    // A second pass starts from the checkpoint the first one wrote: what the first skipped stays skipped.
    await PouchDB.replicate(split, street, { batch_size: 2 });
    const held = new Set((await street.allDocs()).rows.map((r) => r.id));
    expect(cases.map((c) => c._id).filter((id) => !held.has(id))).toEqual([]);
    // And the street holds what a pull from the current instance alone gives it, no more, no less.
    const alone = openReplica(dir, 'street-alone');
    opened.push(alone);
    await PouchDB.replicate(fromA, alone);
    expect([...held].sort()).toEqual((await alone.allDocs()).rows.map((r) => r.id).sort());
  });

  it('two tombstones taken at once, one at each instance, each finding the other branch alive: the case keeps its events live', async () => {
    // Two branches with the same events, beside each other: either may be retired while the other lives.
    const base = { ...caseDoc({ scope: COMMUNITY }), _rev: `1-${'a'.repeat(32)}` };
    const branch = withEvent(base, COMMUNITY);
    const [x, y] = ['b', 'c'].map((c) => ({
      ...branch,
      _rev: `2-${c.repeat(32)}`,
      _revisions: { start: 2, ids: [c.repeat(32), 'a'.repeat(32)] },
    }));
    expect(await storeA.bulkDocs([base, x, y] as StoredDoc[], { newEdits: false })).toEqual([]);
    // Each instance's check waits until both have checked: neither sees the other's tombstone.
    const real = hubWritePolicy({ reference: testReference });
    let checked = 0;
    let bothChecked!: () => void;
    const together = new Promise<void>((resolve) => {
      bothChecked = resolve;
    });
    const racing: WritePolicy = async (writer, doc, batch) => {
      const decision = await real(writer, doc, batch);
      if (++checked === 2) bothChecked();
      await together;
      return decision;
    };
    const [one, two] = await Promise.all(
      [storeA, storeB].map((store) => serveGateway({ store, authenticate, longpollMaxMs: 500, mayWrite: racing })),
    );
    try {
      const tombstones = [x, y].map((leaf, i) => {
        const h = `${'de'[i]!.repeat(32)}`;
        return {
          _id: base._id,
          _rev: `3-${h}`,
          _deleted: true,
          _revisions: { start: 3, ids: [h, leaf!._rev.slice(2), 'a'.repeat(32)] },
        };
      });
      const answers = await Promise.all(
        [one!, two!].map((hub, i) =>
          at(hub, '/db/_bulk_docs', {
            method: 'POST',
            body: JSON.stringify({ docs: [tombstones[i]], new_edits: false }),
          }).then((r) => r.json()),
        ),
      );
      expect(answers).toEqual([[], []]);
      const live = (await storeA.openRevs(base._id, 'all')).filter((l) => 'ok' in l && !l.ok._deleted);
      // Each instance may bring one back (the compactor merges the two like any conflict); none is lost.
      expect(live.length).toBeGreaterThan(0);
      for (const l of live) expect(l).toMatchObject({ ok: { events: branch.events } });
    } finally {
      await one?.close();
      await two?.close();
    }
  });
});

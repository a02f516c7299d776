import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isVisibleTo } from '../../sync/index.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import type { SnapshotOptions } from '../snapshot/snapshot-keeper.js';
import { VisibilityIndex } from './visibility-index.js';

const TREE = ['d', 'd/s1', 'd/s1/c1', 'd/s1/c2', 'd/s2', 'd/s2/c3', 'd/dept/h'];

describe('VisibilityIndex', () => {
  let dir: string;
  let store: Store;
  const indexes: VisibilityIndex[] = [];
  /** `scanned`: a first build that reads the store whole, as over a large store (`scanFrom`). */
  const open = async (snapshot?: SnapshotOptions, from: Store = store, scanned = false) => {
    const index = new VisibilityIndex(from, {
      batchSize: 7,
      ...(snapshot ? { snapshot } : {}),
      ...(scanned ? { scanFrom: 0 } : {}),
    });
    indexes.push(index);
    await index.ready;
    return index;
  };
  const write = async (docs: Record<string, unknown>[]) => {
    expect(await store.bulkDocs(docs as StoredDoc[], { newEdits: true })).toEqual([]);
  };
  const ids = (index: VisibilityIndex, org: string, after = 0, limit = 1000) =>
    index.page(org, after, limit, 'all_docs').results.map((r) => r.id);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-index-'));
    store = await createPouchStore({ dir });
  });
  afterEach(async () => {
    for (const i of indexes.splice(0)) await i.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('agrees with the visibility rule for every org, public types included', async () => {
    const docs = Array.from({ length: 60 }, (_, i) => ({
      _id: `doc:${i}`,
      type: i % 9 === 0 ? 'calendar' : 'case',
      parties: [TREE[i % TREE.length], TREE[(i * 3) % TREE.length]].slice(0, 1 + (i % 2)),
    }));
    await write(docs);
    const index = await open();
    for (const org of TREE) {
      const expected = docs.filter((d) => isVisibleTo(d, org)).map((d) => d._id);
      expect(ids(index, org)).toEqual(expected);
      expect(index.liveCount(org)).toBe(expected.length);
    }
  });

  it('pages exactly through stale positions, resuming after each row', async () => {
    const index = await open();
    await write(
      Array.from({ length: 30 }, (_, i) => ({ _id: `c${i}`, type: 'case', parties: [i % 3 ? 'd/s2' : 'd/s1/c1'] })),
    );
    // Rewrite most documents many times so their old positions go stale and lists are swept.
    for (let round = 0; round < 5; round++) {
      const current = await store.bulkGet(
        Array.from({ length: 30 }, (_, i) => ({ id: `c${i}` })),
        {},
      );
      await write(
        current
          .flatMap((g) => g.docs)
          .filter((_, i) => i % 4 !== 0)
          .map((d) => ({ ...d, round })),
      );
    }
    await index.refresh();
    const all = ids(index, 'd/s1');
    expect(all.length).toBe(10);
    const paged: string[] = [];
    let after = 0;
    for (;;) {
      const page = index.page('d/s1', after, 1, 'all_docs');
      const row = page.results[0];
      if (!row) break;
      paged.push(row.id);
      after = await index.resolveSince(row.seq);
    }
    expect(paged).toEqual(all);
  });

  it('keeps the last known parties of a bare tombstone, also when rebuilt from history', async () => {
    await write([{ _id: 'gone', type: 'case', parties: ['d/s1/c1'] }]);
    const index = await open();
    const rev = (await store.get('gone'))?._rev as string;
    await write([{ _id: 'gone', _rev: rev, _deleted: true }]);
    await index.refresh();
    expect(index.page('d/s1', 0, 10, 'all_docs').results).toEqual([
      expect.objectContaining({ id: 'gone', deleted: true }),
    ]);
    expect(ids(index, 'd/s2')).toEqual([]);
    expect(index.liveCount('d/s1')).toBe(0);
    // A new instance never saw it alive: the parties come from the revision before the tombstone.
    for (const rebuilt of [await open(), await open(undefined, store, true)]) {
      expect(ids(rebuilt, 'd/s1')).toEqual(['gone']);
      expect(ids(rebuilt, 'd/s2')).toEqual([]);
    }
  });

  it('shows a conflicted document to every office any live revision names: a winning branch naming fewer hides it from none', async () => {
    await write([{ _id: 'case:x', type: 'case', parties: ['d/s1/c1'] }]);
    const first = (await store.get('case:x'))!._rev as string;
    const [, h1] = first.split('-');
    const index = await open();
    // The street forwarded to the department; the station's branch beside it names only itself, at a generation that wins.
    const forwarded = {
      _id: 'case:x',
      type: 'case',
      parties: ['d/s1/c1', 'd/dept/h'],
      _rev: `2-${'a'.repeat(32)}`,
      _revisions: { start: 2, ids: ['a'.repeat(32), h1] },
    };
    const branch = {
      _id: 'case:x',
      type: 'case',
      parties: ['d/s1/c1'],
      _rev: `9-${'b'.repeat(32)}`,
      _revisions: { start: 9, ids: [...'bcdefgh'.split('').map((c) => c.repeat(32)), 'f'.repeat(31) + '0', h1] },
    };
    expect(await store.bulkDocs([forwarded, branch] as StoredDoc[], { newEdits: false })).toEqual([]);
    expect((await store.get('case:x'))!._rev).toBe(branch._rev);
    await index.refresh();
    for (const i of [index, await open(), await open(undefined, store, true)]) {
      expect(ids(i, 'd/dept/h')).toEqual(['case:x']);
      expect(i.visibleEntry('case:x', 'd/dept/h')).toBeDefined();
      expect(ids(i, 'd/s2')).toEqual([]);
    }
  });

  it('resumes a token from another instance through the store seq, without gaps or old rows', async () => {
    await write([{ _id: 'old', type: 'case', parties: ['d/s1'] }]);
    const first = await open();
    const token = first.page('d/s1', 0, 10, 'all_docs').lastSeq;
    await write([
      { _id: 'new1', type: 'case', parties: ['d/s1/c2'] },
      { _id: 'other', type: 'case', parties: ['d/s2'] },
      { _id: 'new2', type: 'category', parties: ['d'] },
    ]);
    const second = await open();
    const after = await second.resolveSince(token);
    expect(ids(second, 'd/s1', after)).toEqual(['new1', 'new2']);
    expect(await first.resolveSince(token)).toBeLessThan(await first.resolveSince('now'));
  });

  it('resumes a token from another instance without skipping what the index applies while the store is read', async () => {
    await write([{ _id: 'seen', type: 'case', parties: ['d/s1'] }]);
    const first = await open();
    const token = first.page('d/s1', 0, 10, 'all_docs').lastSeq;
    // The second instance reads the store for the token in pages of 1000; between its first and
    // second page, the index applies a thousand writes the first page showed it before it had them.
    let held: Promise<void> | undefined;
    let release: () => void = () => undefined;
    let scans = 0;
    const during = Array.from({ length: 1000 }, (_, i) => ({ _id: `during${i}`, type: 'case', parties: ['d/s1'] }));
    const slowed: Store = {
      ...store,
      async changes(q) {
        if (q.includeDocs)
          await held; // the index's own reads wait while held
        else if (q.limit === 1000 && ++scans === 1) {
          held = new Promise<void>((resolve) => (release = resolve));
          await write(during);
        } else if (scans === 2) {
          release();
          await second.refresh();
          await write([{ _id: 'last', type: 'case', parties: ['d/s1/c1'] }]);
          await second.refresh();
        }
        return store.changes(q);
      },
    };
    const second = await open(undefined, slowed);
    const resumed = ids(second, 'd/s1', await second.resolveSince(token), 10_000);
    expect(scans).toBe(2);
    expect(resumed).toEqual([...during.map((d) => d._id), 'last']);
  });

  it('refuses a since it never handed out', async () => {
    const index = await open();
    for (const bad of ['garbage', '12', '3.zz.4', '-1']) {
      await expect(index.resolveSince(bad)).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
    }
    expect(await index.resolveSince('0')).toBe(0);
  });

  it('wakes a waiting org on what it sees, not on what it does not', async () => {
    const index = await open();
    const head = await index.resolveSince('now');
    const s1 = index.waitForVisible('d/s1', head, { timeoutMs: 2000 });
    const s2 = index.waitForVisible('d/s2', head, { timeoutMs: 300 });
    await write([{ _id: 'x', type: 'case', parties: ['d/s1/c2'] }]);
    expect(await s1).toBe(true);
    expect(await s2).toBe(false);
    const closing = index.waitForVisible('d/s2', head, { timeoutMs: 10_000 });
    await index.close();
    expect(await closing).toBe(false);
  });

  describe('restored from a snapshot', () => {
    /** The plain model the rule is applied to: per id, what was last written, in the order of last writes. */
    const model = new Map<string, { type: string; parties: string[]; deleted: boolean }>();
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const remember = (id: string, v: { type: string; parties: string[]; deleted: boolean }) => {
      model.delete(id);
      model.set(id, v);
    };
    const randomDoc = (id: string) => {
      const type = random(7) === 0 ? 'calendar' : 'case';
      const parties = [
        TREE[random(TREE.length)] as string,
        ...(random(3) === 0 ? [TREE[random(TREE.length)] as string] : []),
      ];
      return { _id: id, type, parties };
    };
    const writeRandom = async (ids: string[]) => {
      const current = new Map(
        (
          await store.bulkGet(
            ids.map((id) => ({ id })),
            {},
          )
        ).flatMap((g) => g.docs.map((d) => [d._id, d] as const)),
      );
      const docs = ids.map((id) => ({
        ...randomDoc(id),
        ...(current.get(id)?._rev ? { _rev: current.get(id)?._rev } : {}),
      }));
      await write(docs);
      for (const d of docs) remember(d._id, { type: d.type, parties: d.parties, deleted: false });
    };
    const remove = async (ids: string[]) => {
      const current = (
        await store.bulkGet(
          ids.map((id) => ({ id })),
          {},
        )
      ).flatMap((g) => g.docs);
      // Bare tombstones, as PouchDB pushes them: the index must carry the parties over.
      await write(current.map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true })));
      for (const d of current)
        remember(d._id, { ...(model.get(d._id) as { type: string; parties: string[] }), deleted: true });
    };
    const expectAgreesWithRule = (index: VisibilityIndex) => {
      for (const org of TREE) {
        const expected = [...model].filter(([, v]) => isVisibleTo(v, org)).map(([id]) => id);
        expect(ids(index, org, 0, 10_000)).toEqual(expected);
        expect(index.liveCount(org)).toBe([...model].filter(([, v]) => !v.deleted && isVisibleTo(v, org)).length);
      }
    };
    const counting = () => {
      const read = { rows: 0 };
      const counted: Store = {
        ...store,
        changes: async (q) => {
          const page = await store.changes(q);
          if (q.includeDocs) read.rows += page.results.length;
          return page;
        },
      };
      return { counted, read };
    };
    let snapshot: SnapshotOptions;
    beforeEach(() => {
      model.clear();
      snapshot = { path: join(dir, 'hub-data', 'visibility.snapshot') };
    });

    it('agrees with the visibility rule and with a full build, reading only the feed after the snapshot', async () => {
      await writeRandom(Array.from({ length: 80 }, (_, i) => `doc:${i}`));
      await remove(['doc:3', 'doc:10', 'doc:11']);
      // Two offline edits of one case: the index lists every leaf.
      await store.bulkDocs(
        [
          { _id: 'conflicted', _rev: '1-aa', type: 'case', parties: ['d/s1/c1'] },
          { _id: 'conflicted', _rev: '1-bb', type: 'case', parties: ['d/s1/c1'] },
        ],
        { newEdits: false },
      );
      remember('conflicted', { type: 'case', parties: ['d/s1/c1'], deleted: false });
      const first = await open(snapshot);
      expectAgreesWithRule(first);
      await first.close(); // writes the snapshot

      // While the hub is down: parties move, documents are deleted and made, a design doc appears.
      await writeRandom(['doc:1', 'doc:2', 'doc:40', 'new:1', 'new:2']);
      await remove(['doc:5', 'new:1']);
      await write([{ _id: '_design/x', views: {} }]);
      const { counted, read } = counting();
      const restored = await open(snapshot, counted);
      expectAgreesWithRule(restored);
      expect(read.rows).toBe(7); // the 7 documents changed after the snapshot, not the 81 before it

      const full = await open();
      const scanned = await open(undefined, store, true);
      expectAgreesWithRule(scanned);
      for (const org of TREE) {
        const rows = (i: VisibilityIndex) =>
          i.page(org, 0, 10_000, 'all_docs').results.map(({ seq: _seq, ...row }) => row);
        expect(rows(restored)).toEqual(rows(full));
        expect(rows(scanned)).toEqual(rows(full));
      }
      expect(restored.page('d/s1', 0, 10_000, 'all_docs').results.find((r) => r.id === 'conflicted')?.changes).toEqual([
        { rev: '1-bb' },
        { rev: '1-aa' },
      ]);

      // And it keeps following the store like any index.
      await writeRandom(['doc:7', 'late:1']);
      await restored.refresh();
      expectAgreesWithRule(restored);
    });

    it("resumes a node's token from before the restart without gaps", async () => {
      await writeRandom(Array.from({ length: 40 }, (_, i) => `doc:${i}`));
      const first = await open(snapshot);
      const token = first.page('d/s1', 0, 10_000, 'all_docs').lastSeq;
      await first.close();
      await writeRandom(['doc:1', 'doc:30', 'later:1', 'later:2']);
      const restored = await open(snapshot);
      const expected = ['doc:1', 'doc:30', 'later:1', 'later:2'].filter((id) =>
        isVisibleTo(model.get(id) as { type: string; parties: string[] }, 'd/s1'),
      );
      const resumed = ids(restored, 'd/s1', await restored.resolveSince(token), 10_000);
      // Rows may repeat (the node's _revs_diff drops them); none may be missing.
      for (const id of expected) expect(resumed).toContain(id);
    });

    it('is written while the hub runs, so a hub killed without closing restarts from it', async () => {
      await writeRandom(Array.from({ length: 30 }, (_, i) => `doc:${i}`));
      const running = await open({ ...snapshot, checkMs: 20, minChanges: 1 });
      await writeRandom(['doc:1', 'doc:2']);
      await running.refresh();
      const written = async () => (await stat(snapshot.path).catch(() => undefined))?.mtimeMs;
      const deadline = Date.now() + 5000;
      while (!(await written()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await written()).toBeDefined();
      await writeRandom(['doc:3', 'after:1']);
      // `running` is never closed before the next instance starts: as after kill -9.
      const { counted, read } = counting();
      const restored = await open(snapshot, counted);
      expectAgreesWithRule(restored);
      expect(read.rows).toBeLessThan(30);
    });
  });
});

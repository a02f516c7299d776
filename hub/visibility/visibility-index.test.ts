import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isVisibleTo } from '../../sync/index.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { VisibilityIndex } from './visibility-index.js';

const TREE = ['d', 'd/s1', 'd/s1/c1', 'd/s1/c2', 'd/s2', 'd/s2/c3', 'd/dept/h'];

describe('VisibilityIndex', () => {
  let dir: string;
  let store: Store;
  const indexes: VisibilityIndex[] = [];
  const open = async () => {
    const index = new VisibilityIndex(store, { batchSize: 7 });
    indexes.push(index);
    await index.ready;
    return index;
  };
  const write = async (docs: Record<string, unknown>[]) => {
    expect(await store.bulkDocs(docs as StoredDoc[], { newEdits: true })).toEqual([]);
  };
  const ids = (index: VisibilityIndex, org: string, after = 0, limit = 1000) => index.page(org, after, limit, 'all_docs').results.map((r) => r.id);

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
    await write(Array.from({ length: 30 }, (_, i) => ({ _id: `c${i}`, type: 'case', parties: [i % 3 ? 'd/s2' : 'd/s1/c1'] })));
    // Rewrite most documents many times so their old positions go stale and lists are swept.
    for (let round = 0; round < 5; round++) {
      const current = await store.bulkGet(Array.from({ length: 30 }, (_, i) => ({ id: `c${i}` })), {});
      await write(current.flatMap((g) => g.docs).filter((_, i) => i % 4 !== 0).map((d) => ({ ...d, round })));
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
    expect(index.page('d/s1', 0, 10, 'all_docs').results).toEqual([expect.objectContaining({ id: 'gone', deleted: true })]);
    expect(ids(index, 'd/s2')).toEqual([]);
    expect(index.liveCount('d/s1')).toBe(0);
    // A new instance never saw it alive: the parties come from the revision before the tombstone.
    const rebuilt = await open();
    expect(ids(rebuilt, 'd/s1')).toEqual(['gone']);
    expect(ids(rebuilt, 'd/s2')).toEqual([]);
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
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { storeFactory, type StoreFactory } from '../testing/store-factory.js';
import type { ChangesPage, Store, StoreChange, StoredDoc } from './store.js';

const FIELDS = ['type', 'parties'] as const;

/** The feed as `changes` pages it, each document cut down as `feedFromStart` cuts it. */
async function pagedFeed(store: Store): Promise<StoreChange[]> {
  const { results } = await store.changes({ since: '0', limit: 100_000, includeDocs: true });
  return results.map((r) => {
    if (!r.doc) return r;
    const { _id, _rev, _deleted } = r.doc;
    const doc: StoredDoc = { _id, _rev, ...(_deleted ? { _deleted } : {}) };
    for (const f of FIELDS) if (r.doc[f] !== undefined) doc[f] = r.doc[f];
    return { ...r, doc };
  });
}

async function pagesOf(store: Store, pageSize: number): Promise<ChangesPage[]> {
  const pages: ChangesPage[] = [];
  for await (const page of store.feedFromStart?.(FIELDS, pageSize) ?? []) pages.push(page);
  return pages;
}

describe.each(['pouch', 'couch'] as const)('feedFromStart of the %s store', (kind) => {
  let dir: ReturnType<typeof tempDir>;
  let factory: StoreFactory;
  let store: Store;
  beforeEach(async () => {
    dir = tempDir('hallnet-feed-from-start-');
    factory = await storeFactory(kind, dir.path);
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
    await factory.close();
    dir.remove();
  });

  it('gives the rows of the changes feed in its order, tombstones, conflicts and updates included', async () => {
    const w = (docs: StoredDoc[], newEdits = true) => store.bulkDocs(docs, { newEdits });
    await w(Array.from({ length: 30 }, (_, i) => ({ _id: `case:${i}`, type: 'case', parties: [`d/s${i % 3}`], x: i })));
    await w([{ _id: '_design/x', views: {} }, { _id: 'notice:1', type: 'notice' }, { _id: 'bare' }]);
    // Updates move a document to the end of the feed; deletions leave tombstones, with and without parties.
    const [c5, c7, c9] = await Promise.all(['case:5', 'case:7', 'case:9'].map((id) => store.get(id)));
    await w([{ ...(c5 as StoredDoc), parties: ['d/s9'] }]);
    await w([{ _id: 'case:7', _rev: c7?._rev, _deleted: true }]);
    await w([{ _id: 'case:9', _rev: c9?._rev, _deleted: true, type: 'case', parties: ['d/s0'] }]);
    // Conflicts: two offline branches; a deleted branch that loses to a live one; a later write to a losing branch.
    await w(
      [
        {
          _id: 'conflicted',
          _rev: '2-aa',
          _revisions: { start: 2, ids: ['aa', 'r1'] },
          type: 'case',
          parties: ['d/a'],
        },
        {
          _id: 'conflicted',
          _rev: '2-bb',
          _revisions: { start: 2, ids: ['bb', 'r1'] },
          type: 'case',
          parties: ['d/b'],
        },
        { _id: 'half-dead', _rev: '3-dd', _revisions: { start: 3, ids: ['dd', 'd2', 'd1'] }, _deleted: true },
        { _id: 'half-dead', _rev: '1-ee', type: 'case', parties: ['d/e'] },
      ],
      false,
    );
    await w(
      [
        {
          _id: 'conflicted',
          _rev: '3-cc',
          _revisions: { start: 3, ids: ['cc', 'aa', 'r1'] },
          type: 'case',
          parties: ['d/c'],
        },
      ],
      false,
    );
    await w([{ _id: 'case:0', _rev: '9-ff', type: 'case', parties: ['d/loser'] }], false);
    await store.putLocal('checkpoint', { last: 1 });

    const expected = await pagedFeed(store);
    const pages = await pagesOf(store, 7);
    expect(expected).toHaveLength(35);
    expect(pages.map((p) => p.results.length)).toEqual([7, 7, 7, 7, 7]);
    for (const p of pages) expect(p.lastSeq).toBe(p.results[p.results.length - 1]?.seq);
    const rows = pages
      ?.flatMap((p) => p.results)
      .map(({ seq, id, changes, deleted, doc }) => ({ seq, id, changes, deleted, doc }));
    expect(rows).toEqual(expected);
    expect((await store.changes({ since: pages.at(-1)?.lastSeq ?? '', limit: 10 })).results).toEqual([]);
  });

  it('is empty for an empty store', async () => {
    expect(await pagesOf(store, 10)).toEqual([]);
  });
});

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { type FeedReader, pouchFeedPage } from './pouch-feed-page.js';
import { cutDown } from './cut-down.js';
import { scannableAt } from './pouch-feed-scan.js';
import { createPouchStore } from './pouch-store.js';
import type { ChangesQuery, Store, StoredDoc } from './store.js';

const FIELDS = ['type', 'parties', 'n', 'author'];
const att = { 'scan.txt': { content_type: 'text/plain', data: Buffer.from('扫描件 scan').toString('base64') } };

describe('pouchFeedPage', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let level: FeedReader;
  /** A store whose `changes` is PouchDB's own feed, and its LevelDB read directly. */
  const open = async () => {
    dir = tempDir('hallnet-feed-page-');
    store = await createPouchStore({ dir: dir.path, pouchFeed: true });
    level = scannableAt(join(dir.path, 'hub')) as unknown as FeedReader;
  };
  afterEach(async () => {
    await store.close();
    dir.remove();
  });
  const put = async (doc: StoredDoc) => {
    const current = await store.get(doc._id);
    const failures = await store.bulkDocs([{ ...doc, ...(current ? { _rev: current._rev } : {}) }], { newEdits: true });
    expect(failures).toEqual([]);
  };
  /** Every change a follower paging from `since` in pages of `limit` is handed: id -> its last row. */
  const follow = async (read: (q: ChangesQuery) => Promise<{ results: { id: string }[]; lastSeq: string }>) => {
    const seen = new Map<string, unknown>();
    let since = '0';
    for (;;) {
      const page = await read({ since, limit: 7, includeDocs: true });
      for (const r of page.results) seen.set(r.id, r);
      since = page.lastSeq;
      if (page.results.length === 0) return seen;
    }
  };

  it("answers every page as PouchDB's changes does: tombstones, conflicts, documents changed several times", async () => {
    await open();
    await put({ _id: 'many', type: 'case', n: 0 });
    await put({ _id: 'tomb', type: 'case', parties: ['d/s1'] });
    for (let n = 1; n <= 4; n++) await put({ _id: 'many', type: 'case', n });
    await put({ _id: '中文:id', v: '非 ASCII' });
    await put({ _id: 'odd "id" \\ "_id":"x"', author: { _id: 'nested', _rev: '1-x' }, 'x"_id"': 1 });
    await put({ _id: 'tomb', _deleted: true });
    await store.bulkDocs(
      [
        { _id: 'conflict', _rev: '2-bb', _revisions: { start: 2, ids: ['bb', 'aa'] }, v: 'b' },
        { _id: 'bare', _rev: '1-aa', v: 1 },
        { _id: 'bare', _rev: '2-bb', _deleted: true, _revisions: { start: 2, ids: ['bb', 'aa'] } },
        { _id: 'att', _rev: '1-aa', _attachments: att, v: 'with a scan' },
      ],
      { newEdits: false },
    );
    await put({ _id: 'many', type: 'case', n: 5 });
    // A later write that loses: the winner's body is at an earlier seq than the row.
    await store.bulkDocs([{ _id: 'conflict', _rev: '2-aa', _revisions: { start: 2, ids: ['aa', 'aa'] }, v: 'a' }], {
      newEdits: false,
    });
    // A live leaf beside a deleted one that is a generation ahead, written last.
    await store.bulkDocs(
      [
        { _id: 'livebeatsdead', _rev: '2-xx', _revisions: { start: 2, ids: ['xx', 'aa'] }, v: 'live' },
        { _id: 'livebeatsdead', _rev: '3-yy', _deleted: true, _revisions: { start: 3, ids: ['yy', 'ww', 'aa'] } },
      ],
      { newEdits: false },
    );
    await store.putLocal('checkpoint', { at: 1 }); // not in the feed
    await put({ _id: '_design/x', views: {} });
    const { updateSeq } = await store.info();
    const top = Number(updateSeq);
    expect(top).toBeGreaterThan(15);
    for (let since = 0; since <= top; since++)
      for (const limit of [1, 2, 3, 5, 100])
        for (const includeDocs of [false, true])
          for (const conflicts of includeDocs ? [false, true] : [false]) {
            const q = { since: String(since), limit, includeDocs, conflicts };
            const expected = await store.changes(q);
            const got = await pouchFeedPage(level, q);
            expect({ q, got }).toEqual({ q, got: expected });
            if (!includeDocs || conflicts) continue;
            // Cut down to a few fields, each document as `cutDown` makes it of the whole.
            const cut = await pouchFeedPage(level, { ...q, fields: FIELDS });
            const whole = expected.results.map(({ doc, ...r }) => ({ ...r, doc: cutDown(doc as StoredDoc, FIELDS) }));
            expect({ q, cut }).toEqual({ q, cut: { ...expected, results: whole } });
          }
    // What the cases above must have shown, so that the comparison compared them.
    const all = await pouchFeedPage(level, { since: '0', limit: 100, includeDocs: true, conflicts: true });
    const row = (id: string) => all.results.find((r) => r.id === id);
    expect(all.results.filter((r) => r.id === 'many')).toHaveLength(1);
    expect(row('many')?.doc?.n).toBe(5);
    expect(row('tomb')).toMatchObject({ deleted: true, doc: { _deleted: true } });
    expect(row('bare')).toMatchObject({ deleted: true });
    expect(row('conflict')?.doc).toMatchObject({ _rev: '2-bb', v: 'b', _conflicts: ['2-aa'] });
    expect(row('livebeatsdead')).toMatchObject({ deleted: false, doc: { _rev: '2-xx' } });
    expect(row('att')?.doc?._attachments?.['scan.txt']).toMatchObject({ stub: true });
    expect(all.results.some((r) => r.id.startsWith('_local/'))).toBe(false);
  });

  it('never misses a change written between the read of the rows and of their metadata, or between pages', async () => {
    await open();
    for (let i = 0; i < 20; i++) await put({ _id: `doc:${i}`, v: 0 });
    // Each metadata read first lets a write land: the rows read before it do not hold that write.
    let writes = 0;
    const racing = {
      status: level.status,
      iterator: (o: Record<string, unknown>) => level.iterator(o),
      getMany: (
        keys: string[],
        o: { asBuffer: false },
        cb: (err: Error | undefined, v?: (string | undefined)[]) => void,
      ) => {
        const n = writes++;
        void (async () => {
          if (n < 30) {
            await put({ _id: `doc:${n % 25}`, v: n + 1 }); // one the page may hold, or a new one
            if (n % 3 === 0) await put({ _id: `doc:${n % 25}`, _deleted: true });
          }
          level.getMany(keys, o, cb);
        })();
      },
    };
    const seen = await follow((q) => pouchFeedPage(racing, q));
    expect(writes).toBeGreaterThan(30);
    // A follower's last row of each document is the document as the store holds it now.
    const now = await follow((q) => store.changes(q));
    expect(seen).toEqual(now);
    expect(seen.size).toBe(25);
  });

  it('gives a follower every document as it ends up while bulk writes go on', async () => {
    await open();
    const writing = (async () => {
      for (let round = 0; round < 15; round++) {
        const ids = Array.from({ length: 60 }, (_, i) => `doc:${(round * 37 + i) % 200}`);
        const got = await store.bulkGet(
          ids.map((id) => ({ id })),
          {},
        );
        const revs = new Map(got.flatMap((g) => g.docs.map((d) => [d._id, d._rev])));
        await store.bulkDocs(
          ids.map((id) => ({ _id: id, round, ...(revs.has(id) ? { _rev: revs.get(id) } : {}) })),
          { newEdits: true },
        );
      }
    })();
    const seen = new Map<string, unknown>();
    let since = '0';
    let done = false;
    void writing.then(() => (done = true));
    for (let quiet = false; !quiet; ) {
      const finished = done; // read once more after the last write
      const page = await pouchFeedPage(level, { since, limit: 25, includeDocs: true });
      for (const r of page.results) seen.set(r.id, r);
      since = page.lastSeq;
      quiet = finished && page.results.length === 0;
    }
    await writing;
    const all = await store.changes({ since: '0', limit: 10_000, includeDocs: true });
    expect(seen).toEqual(new Map(all.results.map((r) => [r.id, r])));
  });
});

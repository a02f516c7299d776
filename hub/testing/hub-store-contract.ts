import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store/store.js';

/**
 * What every Store adapter must do, as the gateway, the index and the compactor rely on it.
 * Call inside a `describe`; `open` gives a fresh, empty store.
 */
export function hubStoreContract(open: () => Promise<{ store: Store; close(): Promise<void> }>): void {
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(async () => {
    await store.close();
    await close();
  });

  const doc = (id: string, rev: string, extra: Record<string, unknown> = {}) => ({
    _id: id,
    _rev: rev,
    type: 'case',
    parties: ['a/b'],
    ...extra,
  });

  it('pages the changes feed with every leaf, tombstones included', async () => {
    const start = (await store.info()).updateSeq;
    await store.bulkDocs(
      [doc('c1', '1-aa'), doc('c1', '1-bb', { v: 2 }), doc('c2', '1-cc'), { _id: 'c3', _rev: '1-dd', _deleted: true }],
      { newEdits: false },
    );
    const first = await store.changes({ since: start, limit: 2, includeDocs: true });
    expect(first.results.map((r) => r.id)).toEqual(['c1', 'c2']);
    const c1 = first.results[0];
    expect(c1?.changes.map((c) => c.rev).sort()).toEqual(['1-aa', '1-bb']);
    expect(c1?.doc?._rev).toBe('1-bb'); // the winner: the higher hash at equal generation
    const rest = await store.changes({ since: first.lastSeq, limit: 10, includeDocs: true });
    expect(rest.results).toEqual([expect.objectContaining({ id: 'c3', deleted: true })]);
    const none = await store.changes({ since: rest.lastSeq, limit: 10 });
    expect(none.results).toEqual([]);
    const conflicted = await store.changes({ since: start, limit: 1, includeDocs: true, conflicts: true });
    expect(conflicted.results[0]?.doc?._conflicts).toEqual(['1-aa']);
  });

  it('reports write failures per document and nothing for successes', async () => {
    await store.bulkDocs([doc('w1', '1-aa')], { newEdits: false });
    const failures = await store.bulkDocs([doc('w1', '1-zz', { _rev: '1-zz' }), { _id: 'w2', type: 'case' }], {
      newEdits: true,
    });
    expect(failures).toEqual([expect.objectContaining({ id: 'w1', error: 'conflict' })]);
    expect(await store.get('w2')).toMatchObject({ _id: 'w2' });
  });

  it('reads revisions without failing on ones it does not hold, even with latest', async () => {
    await store.bulkDocs([doc('r1', '1-aa'), { ...doc('r1', '2-bb'), _revisions: { start: 2, ids: ['bb', 'aa'] } }], {
      newEdits: false,
    });
    const got = await store.bulkGet(
      [
        { id: 'r1', rev: '1-aa' },
        { id: 'r1', rev: '7-ffff' },
        { id: 'nope', rev: '1-aa' },
      ],
      { revs: true, latest: true },
    );
    expect(got.flatMap((g) => g.docs.map((d) => d._rev))).toEqual(['2-bb']);
    expect(got.flatMap((g) => g.docs)[0]?._revisions).toEqual({ start: 2, ids: ['bb', 'aa'] });
    expect(await store.openRevs('r1', ['7-ffff'], { latest: true })).toEqual([{ missing: '7-ffff' }]);
    expect((await store.openRevs('r1', 'all')).map((r) => ('ok' in r ? r.ok._rev : r.missing))).toEqual(['2-bb']);
    expect(await store.get('r1', { rev: '1-aa' })).toMatchObject({ _rev: '1-aa' });
    expect(await store.get('nope')).toBeUndefined();
    expect(await store.revsDiff({ r1: ['1-aa', '3-cc'], nope: ['1-aa'] })).toEqual({
      r1: expect.objectContaining({ missing: ['3-cc'] }),
      nope: expect.objectContaining({ missing: ['1-aa'] }),
    });
  });

  it('reads a page of revisions as they are: conflicts, tombstones, missing ones, history and attachments', async () => {
    const data = Buffer.from('扫描件').toString('base64');
    await store.bulkDocs(
      [
        { ...doc('p1', '2-bb', { v: 'b' }), _revisions: { start: 2, ids: ['bb', 'aa'] } },
        { ...doc('p1', '2-cc', { v: 'c' }), _revisions: { start: 2, ids: ['cc', 'aa'] } },
        doc('p2', '1-aa'),
        { _id: 'p2', _rev: '2-dd', _deleted: true, _revisions: { start: 2, ids: ['dd', 'aa'] } },
        { ...doc('p3', '1-aa'), _attachments: { 'scan.txt': { content_type: 'text/plain', data } } },
      ],
      { newEdits: false },
    );
    const page = [
      { id: 'p1', rev: '2-bb' },
      { id: 'p1', rev: '2-cc' },
      { id: 'p1', rev: '2-zz' }, // a revision the store lacks
      { id: 'p2', rev: '2-dd' },
      { id: 'p2' }, // its winner is deleted
      { id: 'p3' },
      { id: 'absent' },
      { id: 'absent2', rev: '1-aa' },
    ];
    const read = async (opts: { revs?: boolean; attachments?: boolean }) =>
      new Map(
        (await store.bulkGet(page, opts)).flatMap((g) =>
          g.docs.map((d) => {
            expect(d._id).toBe(g.id);
            return [`${d._id} ${d._rev}`, d] as const;
          }),
        ),
      );
    const plain = await read({});
    expect([...plain.keys()].sort()).toEqual(['p1 2-bb', 'p1 2-cc', 'p2 2-dd', 'p3 1-aa']);
    expect(plain.get('p1 2-bb')).toEqual({ _id: 'p1', _rev: '2-bb', type: 'case', parties: ['a/b'], v: 'b' });
    expect(plain.get('p1 2-cc')?.v).toBe('c');
    expect(plain.get('p2 2-dd')).toMatchObject({ _deleted: true });
    expect(plain.get('p3 1-aa')?._attachments?.['scan.txt']).toMatchObject({ stub: true, content_type: 'text/plain' });
    expect(plain.get('p3 1-aa')?._attachments?.['scan.txt']?.data).toBeUndefined();
    const full = await read({ revs: true, attachments: true });
    expect(full.get('p1 2-cc')?._revisions).toEqual({ start: 2, ids: ['cc', 'aa'] });
    expect(full.get('p2 2-dd')?._revisions).toEqual({ start: 2, ids: ['dd', 'aa'] });
    expect(full.get('p3 1-aa')?._attachments?.['scan.txt']?.data).toBe(data);
  });

  it('gives deleted documents back only by revision', async () => {
    await store.bulkDocs(
      [doc('d1', '1-aa'), { _id: 'd1', _rev: '2-bb', _deleted: true, _revisions: { start: 2, ids: ['bb', 'aa'] } }],
      {
        newEdits: false,
      },
    );
    expect(await store.get('d1')).toBeUndefined();
    expect(await store.get('d1', { rev: '2-bb' })).toMatchObject({ _deleted: true });
  });

  it('lists live documents by id prefix, a page at a time', async () => {
    await store.bulkDocs(
      [
        doc('grant:b', '1-aa'),
        doc('grant:a', '1-aa'),
        doc('grant:c', '1-aa'),
        doc('grantee', '1-aa'),
        doc('gran', '1-aa'),
        { _id: 'grant:d', _rev: '1-aa', _deleted: true },
      ],
      { newEdits: false },
    );
    const first = await store.docsByPrefix('grant:', { limit: 2 });
    expect(first.map((d) => d._id)).toEqual(['grant:a', 'grant:b']);
    expect(first[0]).toMatchObject({ _rev: '1-aa', type: 'case' });
    const rest = await store.docsByPrefix('grant:', { limit: 2, after: 'grant:b' });
    expect(rest.map((d) => d._id)).toEqual(['grant:c']);
    // Resuming after an id that no longer exists skips nothing.
    expect((await store.docsByPrefix('grant:', { limit: 2, after: 'grant:a0' })).map((d) => d._id)).toEqual([
      'grant:b',
      'grant:c',
    ]);
    expect(await store.docsByPrefix('nothing:', { limit: 10 })).toEqual([]);
  });

  it('returns attachment bytes exactly, with their content type', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await store.bulkDocs(
      [
        {
          ...doc('a1', '1-aa'),
          _attachments: { 'scan.bin': { content_type: 'application/octet-stream', data: bytes.toString('base64') } },
        },
      ],
      { newEdits: false },
    );
    const att = await store.getAttachment('a1', 'scan.bin', '1-aa');
    expect(att?.contentType).toBe('application/octet-stream');
    expect(Buffer.from(att?.data ?? [])).toEqual(bytes);
    expect(await store.getAttachment('a1', 'other.bin')).toBeUndefined();
    expect(await store.getAttachment('nope', 'scan.bin')).toBeUndefined();
  });

  it('keeps _local documents last-writer-wins, as Apache CouchDB 3 does', async () => {
    expect(await store.getLocal('hallnet-test')).toBeUndefined();
    const first = await store.putLocal('hallnet-test', { last_seq: 1 });
    expect(first.rev).toEqual(expect.any(String));
    // CouchDB 3 answers 201 to a PUT without `_rev` or with a stale one: no conflict to count on.
    await store.putLocal('hallnet-test', { last_seq: 2 });
    expect(await store.getLocal('hallnet-test')).toMatchObject({ last_seq: 2 });
    await store.putLocal('hallnet-test', { _rev: first.rev, last_seq: 3 });
    expect(await store.getLocal('hallnet-test')).toMatchObject({ last_seq: 3 });
    await store.putLocal('hallnet-test', { _rev: '0-999', last_seq: 4 });
    expect(await store.getLocal('hallnet-test')).toMatchObject({ _id: '_local/hallnet-test', last_seq: 4 });
    // Writers racing each land; the document holds one of their bodies whole.
    await Promise.all([5, 6, 7, 8].map((n) => store.putLocal('hallnet-race', { last_seq: n, by: n })));
    const raced = await store.getLocal('hallnet-race');
    expect([5, 6, 7, 8]).toContain(raced?.last_seq);
    expect(raced?.by).toBe(raced?.last_seq);
  });

  it('wakes a waiter on the next change, and lets it time out or be aborted', async () => {
    const since = (await store.info()).updateSeq;
    expect(await store.waitForChange(since, { timeoutMs: 100 })).toBe(false);
    const abort = new AbortController();
    const aborted = store.waitForChange(since, { timeoutMs: 5000, signal: abort.signal });
    abort.abort();
    expect(await aborted).toBe(false);
    const woken = store.waitForChange(since, { timeoutMs: 5000 });
    await store.bulkDocs([doc('live1', '1-aa')], { newEdits: false });
    expect(await woken).toBe(true);
    // A waiter behind the store (a change landed after it last read) is woken at once, not at its
    // timeout, which lies past the test's own; one at the head is not woken.
    expect(await store.waitForChange(since, { timeoutMs: 600_000 })).toBe(true);
    const head = (await store.info()).updateSeq;
    expect(await store.waitForChange(head, { timeoutMs: 100 })).toBe(false);
    // Many at once, each woken by the one change after its own position.
    const many = Array.from({ length: 12 }, () => store.waitForChange(head, { timeoutMs: 5000 }));
    await store.bulkDocs([doc('live2', '1-bb')], { newEdits: false });
    expect(await Promise.all(many)).toEqual(Array(12).fill(true));
  });
}

import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { pouchBulkRead, type BulkEntry, type BulkRequest, type ManyGetter } from './pouch-bulk-read.js';
import { scannableAt, scannableLeveldown } from './pouch-feed-scan.js';
import type { StoredDoc } from './store.js';

const bytes = Buffer.from('扫描件 scan').toString('base64');
const att = { 'scan.txt': { content_type: 'text/plain', data: bytes } };

/** Revision trees of every shape the hub's store holds, written as replication writes them. */
const DOCS: StoredDoc[] = [
  { _id: 'plain', _rev: '3-cc', _revisions: { start: 3, ids: ['cc', 'bb', 'aa'] }, type: 'case', n: 1 },
  { _id: 'plain', _rev: '2-bb', _revisions: { start: 2, ids: ['bb', 'aa'] }, type: 'case', n: 0 },
  { _id: 'conflict', _rev: '2-bb', _revisions: { start: 2, ids: ['bb', 'aa'] }, v: 'b' },
  { _id: 'conflict', _rev: '2-cc', _revisions: { start: 2, ids: ['cc', 'aa'] }, v: 'c' },
  { _id: 'conflict', _rev: '1-zz', v: 'another root' },
  { _id: 'tomb', _rev: '1-aa', v: 1 },
  { _id: 'tomb', _rev: '2-bb', _deleted: true, _revisions: { start: 2, ids: ['bb', 'aa'] } },
  { _id: 'livebeatsdead', _rev: '2-xx', _revisions: { start: 2, ids: ['xx', 'aa'] }, v: 'live' },
  { _id: 'livebeatsdead', _rev: '3-yy', _deleted: true, _revisions: { start: 3, ids: ['yy', 'ww', 'aa'] } },
  { _id: 'att', _rev: '1-aa', _attachments: att, v: 'with a scan' },
  { _id: '中文:id', _rev: '1-aa', v: '非 ASCII' },
];

const REQUESTS: BulkRequest[] = [
  { id: 'plain' },
  { id: 'plain', rev: '3-cc' },
  { id: 'plain', rev: '2-bb' },
  { id: 'plain', rev: '1-aa' }, // in the tree, its body never stored
  { id: 'conflict' },
  { id: 'conflict', rev: '2-bb' },
  { id: 'conflict', rev: '2-cc' },
  { id: 'conflict', rev: '2-bb' }, // asked twice: answered once
  { id: 'conflict', rev: '1-zz' },
  { id: 'conflict', rev: '9-nope' },
  { id: 'tomb' },
  { id: 'tomb', rev: '2-bb' },
  { id: 'livebeatsdead' },
  { id: 'livebeatsdead', rev: '3-yy' },
  { id: 'missing' },
  { id: 'missing2', rev: '1-aa' },
  { id: 'att' },
  { id: 'att', rev: '1-aa' },
  { id: '中文:id' },
  { id: 'badrev', rev: 'garbage-rev-x' },
];

/** Entries in a canonical order: PouchDB answers one document's `open_revs` in whatever order its reads complete. */
function canonical(entries: BulkEntry[]): string[] {
  const ids = [...new Set(entries.map((e) => e.id))];
  return ids.flatMap((id) =>
    entries
      .filter((e) => e.id === id)
      .map((e) => JSON.stringify(e))
      .sort(),
  );
}

interface RawBulkGet {
  results: { id: string; docs: ({ ok: StoredDoc } | object)[] }[];
}

describe('pouchBulkRead', () => {
  const dir = tempDir('hallnet-bulk-read-');
  const location = join(dir.path, 'hub');
  const db = new PouchDB(location, { db: scannableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  let level: ManyGetter;
  beforeAll(async () => {
    await db.bulkDocs(DOCS as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    level = scannableAt(location) as unknown as ManyGetter;
  });
  afterAll(async () => {
    await db.close();
    dir.remove();
  });

  /** PouchDB's own answer, kept to `ok` documents as the store keeps it. */
  const pouch =
    (opts: { revs: boolean; attachments: boolean; latest: boolean }, asked: BulkRequest[][] = []) =>
    async (docs: BulkRequest[]): Promise<BulkEntry[]> => {
      asked.push(docs);
      const res = (await db.bulkGet({ docs, ...opts } as never)) as unknown as RawBulkGet;
      return res.results.map((r) => ({
        id: r.id,
        docs: r.docs.filter((d): d is { ok: StoredDoc } => 'ok' in d).map((d) => d.ok),
      }));
    };

  for (const revs of [false, true])
    for (const attachments of [false, true])
      it(`answers as PouchDB's bulkGet does (revs=${revs}, attachments=${attachments})`, async () => {
        const opts = { revs, attachments, latest: false };
        const expected = await pouch(opts)(REQUESTS);
        const asked: BulkRequest[][] = [];
        const got = await pouchBulkRead(level, REQUESTS, opts, pouch(opts, asked));
        // Key order too: the gateway serialises these documents as they are.
        expect(canonical(got)).toEqual(canonical(expected));
        // Only what it does not rebuild itself goes to PouchDB: a rev PouchDB refuses, attachment bodies.
        expect(asked.flat().map((r) => r.id)).toEqual(attachments ? ['att', 'badrev'] : ['badrev']);
      });

  it('answers the documents of a first sync without PouchDB', async () => {
    const opts = { revs: true, attachments: false, latest: false };
    const asked: BulkRequest[][] = [];
    const got = await pouchBulkRead(
      level,
      [
        { id: 'plain', rev: '3-cc' },
        { id: 'conflict', rev: '2-cc' },
        { id: 'tomb', rev: '2-bb' },
      ],
      opts,
      pouch(opts, asked),
    );
    expect(asked).toEqual([]);
    expect(got).toEqual([
      {
        id: 'plain',
        docs: [{ _id: 'plain', _rev: '3-cc', type: 'case', n: 1, _revisions: { start: 3, ids: ['cc', 'bb', 'aa'] } }],
      },
      {
        id: 'conflict',
        docs: [{ _id: 'conflict', _rev: '2-cc', v: 'c', _revisions: { start: 2, ids: ['cc', 'aa'] } }],
      },
      { id: 'tomb', docs: [expect.objectContaining({ _id: 'tomb', _rev: '2-bb', _deleted: true })] },
    ]);
  });

  it('leaves latest to PouchDB', async () => {
    const opts = { revs: false, attachments: false, latest: true };
    const asked: BulkRequest[][] = [];
    const got = await pouchBulkRead(level, [{ id: 'plain', rev: '2-bb' }], opts, pouch(opts, asked));
    expect(asked).toHaveLength(1);
    expect(got).toEqual([{ id: 'plain', docs: [expect.objectContaining({ _rev: '3-cc' })] }]);
  });
});

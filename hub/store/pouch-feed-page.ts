import { getMany, type ManyGetter } from './pouch-bulk-read.js';
import { above, end, type LevelDown, nextBatch, READ_BYTES } from './pouch-feed-scan.js';
import { BY_SEQ, DOC_STORE, isDeleted, leavesOf, type Metadata, seqKey, winnerOf } from './pouch-leveldb-layout.js';
import type { ChangesPage, ChangesQuery, StoreChange, StoredDoc } from './store.js';
import { topLevelFields } from './top-level-fields.js';

/** What a page is read through: leveldown's iterator and its `getMany`. */
export type FeedReader = LevelDown & ManyGetter;

/** A revision body of the by-sequence store, with the id it names. */
interface SeqRow {
  seq: number;
  id: string;
  body: Buffer;
}

const anyId = topLevelFields(['_id']);
/** How PouchDB ends every body it stores: it appends `_id`, `_rev` and, on a deletion, `_deleted`. */
const STORED_TAIL = /^"_id":("(?:[^"\\]|\\.)*"),"_rev":"\d+-[^"\\]*"(?:,"_deleted":true)?\}$/;

/**
 * The `_id` of a stored body, read from its tail where PouchDB wrote it; any other shape is read
 * whole (a body is ~1 KB, and its id comes last).
 */
function idOf(body: Buffer): string {
  const at = body.lastIndexOf('"_id":"');
  const tail = at < 0 ? null : STORED_TAIL.exec(body.toString('utf8', at));
  return tail ? (JSON.parse(tail[1] as string) as string) : (anyId(body)._id as string);
}

/** Up to `limit` by-sequence rows after `after`, read in one or two native calls on one snapshot. */
async function seqRows(db: FeedReader, after: number, limit: number): Promise<SeqRow[]> {
  const it = db.iterator({
    gt: seqKey(after),
    lt: above(BY_SEQ),
    limit,
    keyAsBuffer: false,
    valueAsBuffer: true,
    highWaterMark: READ_BYTES,
  });
  const rows: SeqRow[] = [];
  try {
    const finished = { done: false };
    for (let batch = await nextBatch(it, finished); batch.length > 0; batch = await nextBatch(it, finished)) {
      // Last entry first, value before key.
      for (let e = batch.length - 1; e > 0; e -= 2) {
        const body = batch[e - 1] as Buffer;
        rows.push({ seq: Number((batch[e] as string).slice(BY_SEQ.length)), id: idOf(body), body });
      }
    }
  } finally {
    await end(it);
  }
  return rows;
}

/** The winner as PouchDB's leveldb adapter names it (`getWinningRev`): the stored one, else from the tree. */
const winningRev = (meta: Metadata) =>
  'winningRev' in meta ? (meta.winningRev as string) : winnerOf(leavesOf(meta)).rev;

/**
 * A page of PouchDB's (leveldb) changes feed in `style=all_docs`, the same rows, seqs and
 * documents as its `changes` answers, read with a few native calls: the by-sequence rows after
 * `since` through one iterator, every row's metadata in one `getMany`, and (with documents) the
 * winners stored at other seqs in another. PouchDB's own feed reads each row's metadata with a
 * LevelDB get of its own, and while the store is filled in bulk those gets queue on the thread
 * pool behind every `bulkDocs`'s reads: the hub's live index fell seconds behind the writes.
 * As in PouchDB's feed, a row is a document's latest change (its metadata's seq), so a document
 * changed several times after `since` appears once; metadata is read after the rows' snapshot,
 * so one changed since is left for a later page (its new seq is above this page's `lastSeq`).
 */
export async function pouchFeedPage(db: FeedReader, q: ChangesQuery): Promise<ChangesPage> {
  const limit = Math.max(1, q.limit); // PouchDB reads a limit of 0 as 1
  const since = Number(q.since);
  const results: StoreChange[] = [];
  let lastSeq = since;
  const metas = new Map<string, Metadata | undefined>(); // read once per page, as PouchDB caches them
  const read = { conflicts: q.conflicts === true, cut: q.fields && topLevelFields(q.fields) };
  for (let after = since; results.length < limit; ) {
    const want = limit - results.length;
    const rows = await seqRows(db, after, want);
    const unread = [...new Set(rows.map((r) => r.id))].filter((id) => !metas.has(id));
    const values = await getMany(
      db,
      unread.map((id) => DOC_STORE + id),
    );
    unread.forEach((id, i) => {
      const raw = values[i];
      metas.set(id, raw === undefined ? undefined : (JSON.parse(raw) as Metadata));
    });
    const latest = rows.flatMap((row) => {
      const meta = metas.get(row.id);
      // An earlier change of a document changed again later (in this page or a later one).
      if (!meta || meta.seq !== row.seq || meta.id.startsWith('_local/')) return [];
      const winner = winningRev(meta);
      return [{ row, meta, winner, winnerSeq: meta.rev_map[winner] as number }];
    });
    // With documents, the winners not stored at the row's own seq (a later change that lost to a conflicting one).
    const elsewhere = q.includeDocs ? latest.filter((l) => l.winnerSeq !== l.row.seq).map((l) => l.winnerSeq) : [];
    const bodies = await getMany(db, elsewhere.map(seqKey));
    const bodyAt = new Map(
      elsewhere.map((seq, i) => [seq, bodies[i] === undefined ? undefined : Buffer.from(bodies[i] as string)]),
    );
    for (const { row, meta, winner, winnerSeq } of latest) {
      const change: StoreChange = {
        seq: String(row.seq),
        id: meta.id,
        changes: leavesOf(meta).map((l) => ({ rev: l.rev })),
        deleted: isDeleted(meta, winner),
      };
      if (q.includeDocs) {
        const body = winnerSeq === row.seq ? row.body : bodyAt.get(winnerSeq);
        change.doc = body === undefined ? { _id: meta.id, _rev: winner } : docOf(body, meta, change.deleted, read);
      }
      results.push(change);
      lastSeq = row.seq;
    }
    if (rows.length < want) break; // the end of the feed
    after = (rows[rows.length - 1] as SeqRow).seq;
  }
  return { results, lastSeq: String(lastSeq) };
}

/**
 * The winner's body as the feed hands it on: attachments as stubs and `_conflicts` when asked for
 * and any; or cut down to `fields`, only those read of it.
 */
function docOf(
  body: Buffer,
  meta: Metadata,
  deleted: boolean,
  read: { conflicts: boolean; cut: ((json: Buffer) => Record<string, unknown>) | undefined },
): StoredDoc {
  if (read.cut) {
    const doc: StoredDoc = { _id: meta.id, _rev: winningRev(meta) };
    if (deleted) doc._deleted = true;
    return Object.assign(doc, read.cut(body));
  }
  const doc = JSON.parse(body.toString('utf8')) as StoredDoc;
  for (const att of Object.values(doc._attachments ?? {})) att.stub = true;
  if (read.conflicts) {
    // PouchDB's `collectConflicts`: live leaves besides the winner it reads from the tree.
    const leaves = leavesOf(meta);
    const win = winnerOf(leaves).rev;
    const others = leaves.filter((l) => l.rev !== win && !l.deleted).map((l) => l.rev);
    if (others.length > 0) doc._conflicts = others;
  }
  return doc;
}

import { createRequire } from 'node:module';
import type { ChangesPage, StoreChange, StoredDoc } from './store.js';
import { BY_SEQ, DOC_STORE, leavesOf, type Metadata, winnerOf } from './pouch-leveldb-layout.js';
import { topLevelFields } from './top-level-fields.js';

/** A batch of entries as leveldown's binding hands them over: last first, value before key. */
type Entries = (string | Buffer)[];

/** The slice of leveldown's iterator API the scan reads through. */
interface RawIterator {
  /** The native iterator, read through `binding.iterator_next` a batch at a time. */
  context: unknown;
  end(cb: (err?: Error) => void): void;
}
/**
 * leveldown's native binding: one call reads up to 1,000 entries (or `highWaterMark` bytes) on
 * the thread pool and hands them back at once, last entry first, value before key. Its iterator's
 * own `next` hands them on one at a time, each through `process.nextTick`: a microsecond per entry
 * the build spends twice over a million.
 */
interface Binding {
  iterator_next(context: unknown, cb: (err: Error | null, entries: Entries, finished: boolean) => void): void;
}
/** A leveldown database as PouchDB's leveldb adapter opens it. */
export interface LevelDown {
  status: string;
  iterator(opts: Record<string, unknown>): RawIterator;
}

// leveldown is CommonJS without types that match how Node's ESM loader hands it over.
const require = createRequire(import.meta.url);
const leveldown = require('leveldown') as (location: string) => LevelDown;
const binding = require('leveldown/binding') as Binding;
const opened = new Map<string, LevelDown>();

/**
 * leveldown for the hub's embedded store, remembering each database it opens so that
 * `scanPouchFeed` can read it in two sequential passes. PouchDB's own changes feed looks up each
 * row's metadata with a separate LevelDB read, one at a time: at a million documents that is most
 * of the index build (`npm run bench hub`).
 */
export function scannableLeveldown(location: string): LevelDown {
  const db = leveldown(location);
  opened.set(location, db);
  return db;
}

/** The open database `scannableLeveldown` made at `location`, if any. */
export function scannableAt(location: string): LevelDown | undefined {
  const db = opened.get(location);
  return db?.status === 'open' ? db : undefined;
}

/** Sorts after every key of a sublevel whose prefix ends in `\xff` (U+0100 encodes above U+00FF). */
export const above = (prefix: string) => `${prefix.slice(0, -1)}\u0100`;
/** Bytes per read (leveldown's default, 16 KiB, is 20 bodies; it reads 1,000 entries at most). */
export const READ_BYTES = 1 << 20;

/**
 * The metadata of a document written once and never changed — one revision, live, no conflict —
 * as PouchDB writes it (a million such rows are most of a store). A regular expression is a
 * tenth of `JSON.parse`'s time; any other shape fails to match and is parsed.
 */
const SIMPLE_META =
  /^\{"id":"([^"\\]*)","rev_tree":\[\{"pos":(\d+),"ids":\["([0-9a-f]+)",\{"status":"available"\},\[\]\]\}\],"rev":"\2-\3","rev_map":\{"\2-\3":(\d+)\},"winningRev":"\2-\3","deleted":false,"seq":(\d+)\}$/;

/** The next batch of the iterator as leveldown's binding gives it; empty at the end. */
export function nextBatch(it: RawIterator, finished: { done: boolean }): Promise<Entries> {
  if (finished.done) return Promise.resolve([]);
  return new Promise((resolve, reject) =>
    binding.iterator_next(it.context, (err, entries, last) => {
      if (err) return reject(err);
      finished.done = last;
      resolve(entries);
    }),
  );
}

/**
 * The iterator's entries a batch at a time (last entry first, value before key), the next batch
 * asked for before this one is handed on: LevelDB reads it on the thread pool while the caller
 * parses and indexes this one.
 */
async function* batches(it: RawIterator): AsyncGenerator<Entries> {
  const finished = { done: false };
  const ask = () => {
    const p = nextBatch(it, finished);
    p.catch(() => undefined); // awaited below; not an unhandled rejection while the caller works
    return p;
  };
  let next = ask();
  try {
    for (let batch = await next; batch.length > 0; batch = await next) {
      next = ask();
      yield batch;
    }
  } finally {
    await next.catch(() => undefined); // the iterator may only end once no read is in flight
  }
}

/** Ends the iterator, once no read of it is in flight. */
export function end(it: RawIterator): Promise<void> {
  return new Promise((resolve) => it.end(() => resolve()));
}

/**
 * The changes feed of a PouchDB (leveldb) store from its start, as `changes` with `style=all_docs`
 * and `include_docs` pages it — the same rows in the same order, each winning document cut down to
 * `fields` besides `_id`, `_rev` and `_deleted` — read in two sequential passes instead of one
 * LevelDB lookup per row: every document's metadata, then the revision bodies in sequence order,
 * parsing only the winners' and handing each page on as soon as its bodies are read. The metadata
 * pass reads first, so every winner it names is in the later view of the bodies (bodies are only
 * ever added). The last page ends at the store's seq as the metadata pass saw it; the feed after
 * it holds anything written since.
 */
export async function* scanPouchFeed(
  db: LevelDown,
  fields: readonly string[],
  pageSize: number,
): AsyncGenerator<ChangesPage> {
  const range = (prefix: string) => ({ gte: prefix, lt: above(prefix), highWaterMark: READ_BYTES });
  const metaIt = db.iterator({ ...range(DOC_STORE), keyAsBuffer: false, valueAsBuffer: false });
  // Bodies as bytes: only a few fields of them are read, never the whole decoded.
  const seqIt = db.iterator({ ...range(BY_SEQ), keyAsBuffer: false, valueAsBuffer: true });
  try {
    // Every document's metadata as columns, a row per document: a million objects held through
    // the scan would keep the garbage collector marking them over and over.
    const ids: string[] = [];
    const winners: string[] = [];
    const deleted: number[] = [];
    const latestSeq: number[] = [];
    const winnerSeq: number[] = [];
    const otherLeaves = new Map<number, string[]>(); // leaves besides the winner, for the few in conflict
    let maxSeq = 0;
    for await (const batch of batches(metaIt)) {
      for (let e = batch.length - 2; e >= 0; e -= 2) {
        const value = batch[e] as string;
        const simple = SIMPLE_META.exec(value);
        if (simple) {
          // A string of its own, not a slice of the metadata's text: the index keeps ids, and a slice
          // would keep each document's whole metadata alive with it (~300 bytes more per document).
          ids.push(JSON.parse(`"${simple[1]}"`) as string);
          winners.push(`${simple[2]}-${simple[3]}`);
          deleted.push(0);
          const seq = Number(simple[5]);
          latestSeq.push(seq);
          winnerSeq.push(Number(simple[4]));
          if (seq > maxSeq) maxSeq = seq;
          continue;
        }
        const meta = JSON.parse(value) as Metadata;
        const leaves = leavesOf(meta);
        const winner = winnerOf(leaves);
        const row = ids.length;
        ids.push(meta.id);
        winners.push(winner.rev);
        deleted.push(winner.deleted ? 1 : 0);
        latestSeq.push(meta.seq);
        winnerSeq.push(meta.rev_map[winner.rev] ?? -1);
        if (leaves.length > 1)
          otherLeaves.set(
            row,
            leaves.map((l) => l.rev),
          );
        if (meta.seq > maxSeq) maxSeq = meta.seq;
      }
    }
    // Seqs are whole numbers, one revision each: rows by the seq of their latest change and of their winner.
    const byLatest = new Int32Array(maxSeq + 1).fill(-1);
    const byWinner = new Int32Array(maxSeq + 1).fill(-1);
    for (let row = 0; row < ids.length; row++) {
      byLatest[latestSeq[row] as number] = row;
      const w = winnerSeq[row] as number;
      if (w >= 0) byWinner[w] = row;
    }
    const readFields = topLevelFields(fields);
    const docs = new Map<number, StoredDoc>(); // winners read, their rows not yet in a page
    let next = 1; // the first seq not yet passed into a page
    let page: StoreChange[] = [];
    const take = function* (upTo: number): Generator<ChangesPage> {
      // Rows changed up to `upTo` have their winners read (one whose body is gone stays without, as in the feed).
      for (; next <= Math.min(upTo, maxSeq); next++) {
        const row = byLatest[next] as number;
        if (row < 0) continue;
        const doc = docs.get(row);
        docs.delete(row);
        page.push({
          seq: String(next),
          id: ids[row] as string,
          changes: (otherLeaves.get(row) ?? [winners[row] as string]).map((rev) => ({ rev })),
          deleted: deleted[row] === 1,
          ...(doc ? { doc } : {}),
        });
        if (page.length === pageSize) {
          yield { results: page, lastSeq: String(next) };
          page = [];
        }
      }
    };
    for await (const batch of batches(seqIt)) {
      let seq = 0;
      for (let e = batch.length - 1; e > 0; e -= 2) {
        seq = Number((batch[e] as string).slice(BY_SEQ.length));
        const row = seq <= maxSeq ? (byWinner[seq] as number) : -1;
        if (row < 0) continue;
        // The winner's body: its id and rev are the row's, so only the fields asked for are read of it.
        const doc: StoredDoc = { _id: ids[row] as string, _rev: winners[row] as string };
        if (deleted[row] === 1) doc._deleted = true;
        docs.set(row, Object.assign(doc, readFields(batch[e - 1] as Buffer)));
      }
      yield* take(seq);
    }
    yield* take(maxSeq);
    if (page.length > 0) yield { results: page, lastSeq: (page[page.length - 1] as StoreChange).seq };
  } finally {
    await Promise.all([end(metaIt), end(seqIt)]);
  }
}

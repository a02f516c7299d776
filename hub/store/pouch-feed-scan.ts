import { createRequire } from 'node:module';
import { cutDown } from './cut-down.js';
import type { ChangesPage, StoreChange, StoredDoc } from './store.js';

/** The slice of leveldown's iterator API the scan reads through. */
interface RawIterator {
  next(cb: (err: Error | undefined, key?: string, value?: string | Buffer) => void): void;
  end(cb: (err?: Error) => void): void;
}
/** A leveldown database as PouchDB's leveldb adapter opens it. */
interface LevelDown {
  status: string;
  iterator(opts: Record<string, unknown>): RawIterator;
}

// leveldown is CommonJS without types that match how Node's ESM loader hands it over.
const leveldown = createRequire(import.meta.url)('leveldown') as (location: string) => LevelDown;
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

// PouchDB's leveldb adapter keeps each store as a sublevel: keys are `\xff<store>\xff<key>`
// (UTF-8), documents' metadata by id, revision bodies by a 16-digit zero-padded sequence.
const DOC_STORE = '\xffdocument-store\xff';
const BY_SEQ = '\xffby-sequence\xff';
/** Sorts after every key of a sublevel whose prefix ends in `\xff` (U+0100 encodes above U+00FF). */
const above = (prefix: string) => `${prefix.slice(0, -1)}\u0100`;

/** PouchDB's revision tree node: `[hash, { status, deleted? }, children]`. */
type RevNode = [string, { deleted?: boolean }, RevNode[]];
interface Metadata {
  id: string;
  seq: number;
  rev_tree: { pos: number; ids: RevNode }[];
  rev_map: Record<string, number>;
  winningRev?: string;
  deleted?: boolean;
}

interface Leaf {
  rev: string;
  pos: number;
  deleted: boolean;
}

/** Leaves of a revision tree, in the order PouchDB's `collectLeaves` lists them (style `all_docs`). */
function leavesOf(meta: Metadata): Leaf[] {
  const leaves: Leaf[] = [];
  const toVisit = meta.rev_tree.map((t) => ({ pos: t.pos, node: t.ids }));
  for (let v = toVisit.pop(); v; v = toVisit.pop()) {
    const [hash, opts, children] = v.node;
    if (children.length === 0) leaves.push({ rev: `${v.pos}-${hash}`, pos: v.pos, deleted: opts.deleted === true });
    for (const child of children) toVisit.push({ pos: v.pos + 1, node: child });
  }
  return leaves.sort((a, b) => a.pos - b.pos).reverse();
}

/** PouchDB's winner: a live leaf before a deleted one, then the higher generation, then the higher hash. */
function winnerOf(leaves: Leaf[]): Leaf {
  let best = leaves[0] as Leaf;
  for (const l of leaves) {
    if (l.deleted !== best.deleted ? best.deleted : l.pos !== best.pos ? l.pos > best.pos : l.rev > best.rev) best = l;
  }
  return best;
}

/** Up to `count` entries from the iterator, in key order; fewer only at the end. */
function nextEntries(it: RawIterator, count: number): Promise<[string, string | Buffer][]> {
  const out: [string, string | Buffer][] = [];
  return new Promise((resolve, reject) => {
    const step = (err: Error | undefined, key?: string, value?: string | Buffer) => {
      if (err) return reject(err);
      if (key === undefined || value === undefined) return resolve(out);
      out.push([key, value]);
      if (out.length === count) return resolve(out);
      it.next(step);
    };
    it.next(step);
  });
}

function end(it: RawIterator): Promise<void> {
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
  const metaIt = db.iterator({ gte: DOC_STORE, lt: above(DOC_STORE), keyAsBuffer: false, valueAsBuffer: false });
  const seqIt = db.iterator({ gte: BY_SEQ, lt: above(BY_SEQ), keyAsBuffer: false, valueAsBuffer: false });
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
    for (let batch = await nextEntries(metaIt, 1000); batch.length > 0; batch = await nextEntries(metaIt, 1000)) {
      for (const [, value] of batch) {
        const meta = JSON.parse(value as string) as Metadata;
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
    for (let batch = await nextEntries(seqIt, 1000); batch.length > 0; batch = await nextEntries(seqIt, 1000)) {
      let seq = 0;
      for (const [key, value] of batch) {
        seq = Number(key.slice(BY_SEQ.length));
        const row = seq <= maxSeq ? (byWinner[seq] as number) : -1;
        if (row >= 0) docs.set(row, cutDown(JSON.parse(value as string) as StoredDoc, fields));
      }
      yield* take(seq);
    }
    yield* take(maxSeq);
    if (page.length > 0) yield { results: page, lastSeq: (page[page.length - 1] as StoreChange).seq };
  } finally {
    await Promise.all([end(metaIt), end(seqIt)]);
  }
}

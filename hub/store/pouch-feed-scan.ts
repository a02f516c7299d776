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

interface Row extends StoreChange {
  /** `seq` as a number, for ordering. */
  n: number;
  winnerSeq: number;
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
    const rows: Row[] = [];
    for (let batch = await nextEntries(metaIt, 1000); batch.length > 0; batch = await nextEntries(metaIt, 1000)) {
      for (const [, value] of batch) {
        const meta = JSON.parse(value as string) as Metadata;
        const leaves = leavesOf(meta);
        const winner = winnerOf(leaves);
        rows.push({
          seq: String(meta.seq),
          n: meta.seq,
          id: meta.id,
          winnerSeq: meta.rev_map[winner.rev] ?? -1,
          changes: leaves.map((l) => ({ rev: l.rev })),
          deleted: winner.deleted,
        });
      }
    }
    rows.sort((a, b) => a.n - b.n);
    // A winner written before the document's latest revision (a later write to a losing branch).
    const earlier = new Map(rows.filter((r) => r.winnerSeq !== r.n).map((r) => [r.winnerSeq, r]));
    let next = 0; // the first row not yet in a page
    let at = 0; // the first row whose latest seq the body pass has not passed
    let page: StoreChange[] = [];
    const take = function* (upTo: number): Generator<ChangesPage> {
      // Rows up to `upTo` have all their bodies read (a winner whose body is gone stays without one, as in the feed).
      for (let row = rows[next]; row && row.n <= upTo; row = rows[++next]) {
        page.push(row);
        if (page.length === pageSize) {
          yield { results: page, lastSeq: row.seq };
          page = [];
        }
      }
    };
    for (let batch = await nextEntries(seqIt, 1000); batch.length > 0; batch = await nextEntries(seqIt, 1000)) {
      let seq = 0;
      for (const [key, value] of batch) {
        seq = Number(key.slice(BY_SEQ.length));
        while ((rows[at]?.n ?? Number.POSITIVE_INFINITY) < seq) at++;
        const row = rows[at]?.n === seq ? rows[at] : earlier.get(seq);
        if (row && row.winnerSeq === seq) row.doc = cutDown(JSON.parse(value as string) as StoredDoc, fields);
      }
      yield* take(seq);
    }
    yield* take(Number.POSITIVE_INFINITY);
    if (page.length > 0) yield { results: page, lastSeq: (page[page.length - 1] as StoreChange).seq };
  } finally {
    await Promise.all([end(metaIt), end(seqIt)]);
  }
}

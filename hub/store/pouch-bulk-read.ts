import {
  DOC_STORE,
  isDeleted,
  leavesOf,
  type Metadata,
  type RevNode,
  seqKey,
  winnerOf,
} from './pouch-leveldb-layout.js';
import type { StoredDoc } from './store.js';

/** The slice of leveldown the batched read uses: one native call for many keys, missing ones `undefined`. */
export interface ManyGetter {
  getMany(
    keys: string[],
    opts: { asBuffer: false },
    cb: (err: Error | undefined, values?: (string | undefined)[]) => void,
  ): void;
}

/** One revision asked for: by id and rev, or the winner when rev is absent. */
export interface BulkRequest {
  id: string;
  rev?: string;
}

/** One answer entry as PouchDB's `bulkGet` gives it, kept to its `ok` documents (none for a missing revision). */
export interface BulkEntry {
  id: string;
  docs: StoredDoc[];
}

/** PouchDB's own check of a revision in `open_revs`: one bad rev fails that document's whole request. */
const VALID_REV = /^\d+-[^-]*$/;

/** The values of `keys` in one native call (`undefined` for a missing key). */
export function getMany(db: ManyGetter, keys: string[]): Promise<(string | undefined)[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) =>
    db.getMany(keys, { asBuffer: false }, (err, values) => (err ? reject(err) : resolve(values ?? []))),
  );
}

/** `_revisions` of `rev` as PouchDB's `get` with `revs` builds it from the root-to-leaf paths; undefined for a broken tree. */
function revisionsOf(meta: Metadata, rev: string): { start: number; ids: string[] } | undefined {
  const [gen, hash] = [Number.parseInt(rev, 10), rev.slice(rev.indexOf('-') + 1)];
  const paths: { pos: number; ids: string[] }[] = [];
  const toVisit: { pos: number; node: RevNode; history: string[] }[] = meta.rev_tree.map((t) => ({
    pos: t.pos,
    node: t.ids,
    history: [],
  }));
  for (let v = toVisit.pop(); v; v = toVisit.pop()) {
    const history = [...v.history, v.node[0]];
    if (v.node[2].length === 0) paths.push({ pos: v.pos + 1 - history.length, ids: history });
    for (const child of v.node[2]) toVisit.push({ pos: v.pos + 1, node: child, history });
  }
  paths.reverse();
  let path: { pos: number; ids: string[] } | undefined;
  for (const p of paths) {
    const at = p.ids.indexOf(hash);
    if (at === gen - 1 || (!path && at !== -1)) path = p;
  }
  if (!path) return undefined;
  const ids = path.ids.slice(0, path.ids.indexOf(hash) + 1).reverse();
  return { start: path.pos + ids.length - 1, ids };
}

/**
 * PouchDB's `bulkGet` on the embedded store, answered with two LevelDB `getMany` calls — every
 * asked document's metadata, then the bodies of the revisions they name — instead of two separate
 * reads per document through PouchDB's read queue (most of a large first sync's hub time,
 * `npm run bench hub`). The same entries in the same order with the same documents; what it does
 * not rebuild itself (`latest`, attachment bodies, a revision PouchDB would refuse) it hands to
 * `fallback`, PouchDB's own `bulkGet`, for those documents. Revision bodies are never removed
 * (the store does not compact), so a body named by metadata read first is there when read.
 */
export async function pouchBulkRead(
  db: ManyGetter,
  requests: BulkRequest[],
  opts: { revs: boolean; attachments: boolean; latest: boolean },
  fallback: (requests: BulkRequest[]) => Promise<BulkEntry[]>,
): Promise<BulkEntry[]> {
  if (opts.latest) return fallback(requests);
  // One request per document, as PouchDB's shim consolidates them: its revs in order, or the winner.
  const byId = new Map<string, string[]>();
  for (const r of requests) {
    const revs = byId.get(r.id) ?? [];
    if (r.rev) revs.push(r.rev);
    byId.set(r.id, revs);
  }
  const ids = [...byId.keys()];
  const metas = await getMany(
    db,
    ids.map((id) => DOC_STORE + id),
  );
  // Per document: the revisions to read and their seqs (undefined: not held), or PouchDB's way.
  interface Plan {
    id: string;
    asked: string[];
    meta?: Metadata;
    revs: { rev: string; seq: number | undefined }[];
    winner: boolean;
    fallback: boolean;
  }
  const plans: Plan[] = ids.map((id, i) => {
    const asked = byId.get(id) as string[];
    const raw = metas[i];
    const plan = { id, asked, winner: false, fallback: false };
    if (asked.some((rev) => !VALID_REV.test(rev))) return { ...plan, revs: [], fallback: true };
    if (raw === undefined) return { ...plan, revs: asked.map((rev) => ({ rev, seq: undefined })) };
    const meta = JSON.parse(raw) as Metadata;
    if (asked.length > 0) return { ...plan, meta, revs: asked.map((rev) => ({ rev, seq: meta.rev_map[rev] })) };
    // A tree without leaves (damaged) names no revision the map holds: the document reads as missing.
    const leaves = meta.winningRev === undefined ? leavesOf(meta) : [];
    const w = meta.winningRev ?? (leaves.length > 0 ? winnerOf(leaves).rev : '0-');
    const deleted = 'deleted' in meta ? meta.deleted === true : isDeleted(meta, w);
    return { ...plan, meta, revs: deleted ? [] : [{ rev: w, seq: meta.rev_map[w] }], winner: true };
  });
  const seqs = plans.flatMap((p) => (p.fallback ? [] : p.revs.flatMap((r) => (r.seq === undefined ? [] : [r.seq]))));
  const bodies = await getMany(db, seqs.map(seqKey));
  const bodyOf = new Map(seqs.map((seq, i) => [seq, bodies[i]]));

  const out: BulkEntry[][] = [];
  const redo: BulkRequest[] = [];
  const redoAt: number[] = [];
  for (const p of plans) {
    const entries: BulkEntry[] = [];
    out.push(entries);
    const docs: (StoredDoc | undefined)[] = [];
    let again = p.fallback;
    for (const r of p.revs) {
      if (again) break;
      const body = r.seq === undefined ? undefined : bodyOf.get(r.seq);
      if (!body || !p.meta) {
        docs.push(undefined);
        continue;
      }
      const doc = JSON.parse(body) as StoredDoc;
      if ((doc._id !== undefined && doc._id !== p.meta.id) || (doc._rev !== undefined && doc._rev !== r.rev)) {
        again = true; // PouchDB's "wrong doc returned": let it say so
        break;
      }
      doc._id = p.meta.id;
      doc._rev = r.rev;
      if (isDeleted(p.meta, r.rev)) doc._deleted = true;
      if (opts.revs) {
        const revisions = revisionsOf(p.meta, r.rev);
        if (!revisions) {
          again = true;
          break;
        }
        doc._revisions = revisions;
      }
      if (opts.attachments && Object.keys(doc._attachments ?? {}).length > 0) {
        again = true; // the bodies of attachments are PouchDB's to read
        break;
      }
      for (const att of Object.values(doc._attachments ?? {})) att.stub = true;
      docs.push(doc);
    }
    if (again) {
      redoAt.push(out.length - 1);
      redo.push(...(p.asked.length ? p.asked.map((rev) => ({ id: p.id, rev })) : [{ id: p.id }]));
      continue;
    }
    if (p.winner) {
      entries.push({ id: p.id, docs: docs[0] ? [docs[0]] : [] });
      continue;
    }
    if (p.revs.length === 0) {
      entries.push({ id: p.id, docs: [] }); // the winner is deleted: PouchDB's `get` fails with "deleted"
      continue;
    }
    // As PouchDB's `open_revs`: a missing revision is an entry without a document, a repeated one is dropped.
    const seen = new Set<string>();
    for (const doc of docs) {
      if (doc && seen.has(doc._rev as string)) continue;
      if (doc) seen.add(doc._rev as string);
      entries.push({ id: p.id, docs: doc ? [doc] : [] });
    }
  }
  if (redo.length > 0) {
    const again = await fallback(redo);
    const byRedoId = new Map<string, BulkEntry[]>();
    for (const e of again) byRedoId.set(e.id, [...(byRedoId.get(e.id) ?? []), e]);
    for (const at of redoAt) {
      const id = plans[at]?.id as string;
      out[at] = byRedoId.get(id) ?? [];
    }
  }
  return out.flat();
}

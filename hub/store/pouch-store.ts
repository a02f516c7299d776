import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { HallnetError } from '../../sync/index.js';
import { ChangeBell, type LiveFeed } from './change-bell.js';
import { knownRevs } from './known-revs.js';
import { pouchBulkRead, type BulkRequest, type ManyGetter } from './pouch-bulk-read.js';
import { type FeedReader, pouchFeedPage } from './pouch-feed-page.js';
import { scanPouchFeed, scannableAt, scannableLeveldown } from './pouch-feed-scan.js';
import type { ChangesPage, OpenRev, ReadOptions, RevsDiff, Store, StoredDoc, WriteFailure } from './store.js';

/** The few PouchDB calls the adapter makes, typed as they behave (its own typings are loose here). */
interface Pouch {
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  changes(opts: Record<string, unknown>): Promise<{ results: RawChange[]; last_seq: number | string }>;
  bulkDocs(docs: StoredDoc[], opts: { new_edits: boolean }): Promise<RawWrite[]>;
  bulkGet(opts: Record<string, unknown>): Promise<{ results: { id: string; docs: ({ ok: StoredDoc } | object)[] }[] }>;
  revsDiff(revs: Record<string, string[]>): Promise<RevsDiff>;
  allDocs(opts: Record<string, unknown>): Promise<{ rows: { id: string; doc?: StoredDoc }[] }>;
  get(id: string, opts?: Record<string, unknown>): Promise<unknown>;
  getAttachment(id: string, name: string, opts: { rev?: string }): Promise<Buffer>;
  put(doc: Record<string, unknown>): Promise<{ rev: string }>;
  close(): Promise<void>;
}
interface RawChange {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: StoredDoc;
}
interface RawWrite {
  id?: string;
  rev?: string;
  error?: unknown;
  name?: string;
  message?: string;
}

/**
 * The embedded default store: PouchDB on LevelDB in `dir`, so the hub needs nothing else to
 * run. Automatic compaction stays off: old revision bodies are what `_bulk_get` of an older
 * revision and the tombstone-parties fallback of the visibility index read.
 */
export async function createPouchStore(opts: {
  dir: string;
  name?: string;
  /** Page the changes feed through PouchDB's own `changes`, one metadata read per row: the baseline of `npm run bench liveindex`. */
  pouchFeed?: boolean;
}): Promise<Store> {
  // LevelDB creates the database folder but not its parents.
  await mkdir(opts.dir, { recursive: true });
  const location = join(opts.dir, opts.name ?? 'hub');
  const raw = new PouchDB(location, { db: scannableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  const db = raw as unknown as Pouch;
  await db.info(); // fail now, not at the first request, if the folder is locked or unreadable
  const bell = new ChangeBell({
    currentSeq: async () => Number((await db.info()).update_seq),
    liveAfter: (seq) => raw.changes({ since: seq, live: true, return_docs: false }) as unknown as LiveFeed,
  });
  let closed = false;

  const notFound = (err: unknown) => (err as { status?: number }).status === 404;

  async function readRevs(requests: { id: string; rev?: string }[], latest: boolean | undefined) {
    if (!latest) return requests;
    const withRev = requests.filter((r): r is { id: string; rev: string } => r.rev !== undefined);
    const known = await knownRevs((r) => db.revsDiff(r), withRev);
    return requests.filter((r) => r.rev === undefined || known.has(`${r.id}\n${r.rev}`));
  }

  const store: Store = {
    kind: 'pouch',

    async info() {
      const i = await db.info();
      return { docCount: i.doc_count, updateSeq: String(i.update_seq) };
    },

    async changes(q): Promise<ChangesPage> {
      const since = pouchSeq(q.since);
      const level = opts.pouchFeed ? undefined : (scannableAt(location) as unknown as FeedReader | undefined);
      if (level) return pouchFeedPage(level, q);
      const page = await db.changes({
        since,
        limit: q.limit,
        style: 'all_docs',
        include_docs: q.includeDocs ?? false,
        conflicts: q.conflicts ?? false,
        return_docs: true,
      });
      return {
        results: page.results.map((r) => ({
          seq: String(r.seq),
          id: r.id,
          changes: r.changes,
          deleted: r.deleted === true,
          ...(r.doc ? { doc: r.doc } : {}),
        })),
        lastSeq: String(page.last_seq),
      };
    },

    async *feedFromStart(fields, pageSize) {
      const level = scannableAt(location);
      if (!level) throw new Error(`the LevelDB of ${location} is not open`);
      yield* scanPouchFeed(level, fields, pageSize);
    },

    waitForChange(since, { timeoutMs, signal }) {
      return bell.wait(pouchSeq(since), timeoutMs, signal);
    },

    async bulkDocs(docs, { newEdits }): Promise<WriteFailure[]> {
      if (docs.length === 0) return [];
      let res: RawWrite[];
      try {
        res = await db.bulkDocs(docs, { new_edits: newEdits });
      } catch (err) {
        const status = (err as { status?: number }).status ?? 500;
        if (status >= 400 && status < 500) {
          throw new HallnetError('ERR_VALIDATION', (err as Error).message, { cause: err });
        }
        throw err;
      }
      return res
        .filter((r) => r.error)
        .map((r) => ({
          id: r.id ?? '',
          ...(r.rev ? { rev: r.rev } : {}),
          error: r.name ?? 'unknown_error',
          reason: r.message ?? '',
        }));
    },

    async bulkGet(requests, opts) {
      const asked = await readRevs(requests, opts.latest);
      if (asked.length === 0) return [];
      const read = { revs: opts.revs ?? false, latest: opts.latest ?? false, attachments: opts.attachments ?? false };
      const pouchBulkGet = async (docs: BulkRequest[]) =>
        (await db.bulkGet({ docs, ...read })).results.map((r) => ({
          id: r.id,
          docs: r.docs.filter((d): d is { ok: StoredDoc } => 'ok' in d).map((d) => d.ok),
        }));
      const level = scannableAt(location) as unknown as ManyGetter | undefined;
      return level ? pouchBulkRead(level, asked, read, pouchBulkGet) : pouchBulkGet(asked);
    },

    async docsByPrefix(prefix, page) {
      const res = await db.allDocs({
        // Just after the last id read, whether or not that document still exists.
        startkey: page.after === undefined ? prefix : `${page.after}\u0000`,
        endkey: `${prefix}\ufff0`,
        limit: page.limit,
        include_docs: true,
      });
      return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
    },

    revsDiff: (revs) => db.revsDiff(revs),

    async get(id, opts: ReadOptions & { rev?: string } = {}) {
      try {
        return (await db.get(id, {
          ...(opts.rev ? { rev: opts.rev } : {}),
          revs: opts.revs ?? false,
          conflicts: opts.conflicts ?? false,
          attachments: opts.attachments ?? false,
        })) as StoredDoc;
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },

    async openRevs(id, revs, opts: ReadOptions = {}): Promise<OpenRev[]> {
      let asked: string[] | 'all' = revs;
      if (revs !== 'all') {
        const safe = await readRevs(
          revs.map((rev) => ({ id, rev })),
          opts.latest,
        );
        asked = safe.map((r) => r.rev as string);
        if (asked.length === 0) return revs.map((rev) => ({ missing: rev }));
      }
      try {
        return (await db.get(id, {
          open_revs: asked,
          revs: opts.revs ?? false,
          latest: opts.latest ?? false,
          attachments: opts.attachments ?? false,
        })) as OpenRev[];
      } catch (err) {
        if (notFound(err)) return revs === 'all' ? [] : revs.map((rev) => ({ missing: rev }));
        throw err;
      }
    },

    async getAttachment(id, name, rev) {
      const doc = await store.get(id, rev ? { rev } : {});
      const stub = doc?._attachments?.[name];
      if (!doc || !stub) return undefined;
      const data = await db.getAttachment(id, name, { rev: doc._rev as string });
      const contentType = typeof stub.content_type === 'string' ? stub.content_type : 'application/octet-stream';
      return { data: new Uint8Array(data), contentType };
    },

    async getLocal(id) {
      try {
        return (await db.get(`_local/${id}`)) as StoredDoc;
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },

    async putLocal(id, doc) {
      // PouchDB checks `_rev` on local documents; CouchDB 3 does not. Write over whatever is
      // stored, retrying when another writer got in between, so both stores behave alike.
      const { _rev: _ignored, ...body } = doc;
      for (let attempt = 1; ; attempt++) {
        const current = await store.getLocal(id);
        try {
          const res = await db.put({ ...body, _id: `_local/${id}`, ...(current?._rev ? { _rev: current._rev } : {}) });
          return { rev: res.rev };
        } catch (err) {
          if ((err as { status?: number }).status !== 409 || attempt >= LOCAL_ATTEMPTS) throw err;
        }
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      await bell.close();
      await db.close();
    },
  };
  return store;
}

/** Writers racing on one `_local` document each get through within a few rounds; more means something is wrong. */
const LOCAL_ATTEMPTS = 20;

/** PouchDB's seqs are integers; anything else is a caller's mistake, not "from the start". */
function pouchSeq(since: string): number {
  if (!/^\d{1,15}$/.test(since)) throw new HallnetError('ERR_VALIDATION', `invalid store sequence "${since}"`);
  return Number(since);
}

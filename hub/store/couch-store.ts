import nano from 'nano';
import { HallnetError } from '../../sync/index.js';
import { cutDown } from './cut-down.js';
import { knownRevs } from './known-revs.js';
import type {
  ChangesPage,
  OpenRev,
  ReadOptions,
  RevsDiff,
  Store,
  StoredDoc,
  StoreChange,
  WriteFailure,
} from './store.js';

interface CouchError {
  statusCode?: number;
  error?: string;
  reason?: string;
  name?: string;
}
type Request = nano.RequestOptions & { signal?: AbortSignal };

/**
 * Production store: an Apache CouchDB 3 database (usually a cluster) reached through nano at
 * `url` (`COUCHDB_URL`, credentials in the URL). Only documented CouchDB 3 endpoints are used,
 * each with plain query parameters: no filters, selectors or design documents, which also keeps
 * it working against the PouchDB-based test server.
 */
export async function createCouchStore(opts: { url: string; db?: string }): Promise<Store> {
  const server = nano({ url: opts.url });
  const dbName = opts.db ?? 'hallnet';
  const closing = new AbortController();
  const rq = <T>(o: Request): Promise<T> =>
    server.relax({ db: dbName, ...o, signal: o.signal ?? closing.signal } as nano.RequestOptions) as Promise<T>;
  const status = (err: unknown) => (err as CouchError).statusCode;
  const docPath = (id: string) => encodeURIComponent(id);

  try {
    await server.relax({ db: dbName });
  } catch (err) {
    if (status(err) !== 404) throw err;
    try {
      await server.relax({ db: dbName, method: 'PUT' });
    } catch (e) {
      if (status(e) !== 412) throw e; // another gateway created it first
    }
  }

  const revsDiff = (revs: Record<string, string[]>) => rq<RevsDiff>({ method: 'POST', path: '_revs_diff', body: revs });

  async function safeRevs(requests: { id: string; rev?: string }[], latest: boolean | undefined) {
    if (!latest) return requests;
    const withRev = requests.filter((r): r is { id: string; rev: string } => r.rev !== undefined);
    const known = await knownRevs(revsDiff, withRev);
    return requests.filter((r) => r.rev === undefined || known.has(`${r.id}\n${r.rev}`));
  }

  async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
    try {
      return await p;
    } catch (err) {
      if (status(err) === 404) return undefined;
      throw err;
    }
  }

  const readQs = (o: ReadOptions & { rev?: string }) => ({
    ...(o.rev ? { rev: o.rev } : {}),
    ...(o.revs ? { revs: true } : {}),
    ...(o.latest ? { latest: true } : {}),
    ...(o.attachments ? { attachments: true } : {}),
    ...(o.conflicts ? { conflicts: true } : {}),
  });

  const store: Store = {
    kind: 'couch',

    async info() {
      const i = await rq<{ doc_count: number; update_seq: unknown }>({});
      return { docCount: i.doc_count, updateSeq: String(i.update_seq) };
    },

    async changes(q): Promise<ChangesPage> {
      let page: { results: RawChange[]; last_seq: unknown };
      try {
        page = await rq({
          path: '_changes',
          qs: {
            since: q.since,
            limit: q.limit,
            style: 'all_docs',
            ...(q.includeDocs ? { include_docs: true } : {}),
            ...(q.conflicts ? { conflicts: true } : {}),
          },
        });
      } catch (err) {
        if (status(err) === 400)
          throw new HallnetError('ERR_VALIDATION', `invalid store sequence "${q.since}"`, { cause: err });
        throw err;
      }
      return { results: page.results.map(toChange), lastSeq: String(page.last_seq) };
    },

    async *feedFromStart(fields, pageSize) {
      // Large pages, the next one asked for while this one is indexed, each body cut down at once:
      // CouchDB has no projection on `_changes`, so the saving is round trips and memory.
      const limit = Math.max(pageSize, FEED_PAGE);
      let next = store.changes({ since: '0', limit, includeDocs: true });
      try {
        for (;;) {
          const page = await next;
          if (page.results.length === limit) next = store.changes({ since: page.lastSeq, limit, includeDocs: true });
          for (const row of page.results) if (row.doc) row.doc = cutDown(row.doc, fields);
          for (let i = 0; i < page.results.length; i += pageSize) {
            const results = page.results.slice(i, i + pageSize);
            const last = i + pageSize >= page.results.length;
            yield { results, lastSeq: last ? page.lastSeq : (results[results.length - 1] as StoreChange).seq };
          }
          if (page.results.length < limit) return;
        }
      } finally {
        next.catch(() => undefined); // a page asked for ahead and no longer wanted
      }
    },

    async waitForChange(since, { timeoutMs, signal }) {
      // Our own timer as well as CouchDB's `timeout`: PouchDB-based servers ignore the latter.
      const timer = AbortSignal.timeout(timeoutMs);
      const all = AbortSignal.any([timer, closing.signal, ...(signal ? [signal] : [])]);
      try {
        const res = await rq<{ results: unknown[] }>({
          path: '_changes',
          qs: { feed: 'longpoll', since, timeout: timeoutMs, limit: 1 },
          signal: all,
        });
        return res.results.length > 0;
      } catch (err) {
        if (all.aborted) return false;
        throw err;
      }
    },

    async bulkDocs(docs, { newEdits }): Promise<WriteFailure[]> {
      if (docs.length === 0) return [];
      let res: { id?: string; rev?: string; error?: string; reason?: string }[];
      try {
        res = await rq({ method: 'POST', path: '_bulk_docs', body: { docs, new_edits: newEdits } });
      } catch (err) {
        const s = status(err) ?? 500;
        if (s >= 400 && s < 500) throw new HallnetError('ERR_VALIDATION', (err as CouchError).reason, { cause: err });
        throw err;
      }
      return res
        .filter((r) => r.error)
        .map((r) => ({
          id: r.id ?? '',
          ...(r.rev ? { rev: r.rev } : {}),
          error: r.error ?? '',
          reason: r.reason ?? '',
        }));
    },

    async bulkGet(requests, opts) {
      const asked = await safeRevs(requests, opts.latest);
      if (asked.length === 0) return [];
      const res = await rq<{ results: { id: string; docs: ({ ok: StoredDoc } | object)[] }[] }>({
        method: 'POST',
        path: '_bulk_get',
        qs: readQs(opts),
        body: { docs: asked },
      });
      return res.results.map((r) => ({
        id: r.id,
        docs: r.docs.filter((d): d is { ok: StoredDoc } => 'ok' in d).map((d) => d.ok),
      }));
    },

    async docsByPrefix(prefix, page) {
      // nano JSON-encodes startkey and endkey; `\ufff0` sorts after any id with the prefix (CouchDB's documented idiom).
      const res = await rq<{ rows: { id: string; doc?: StoredDoc }[] }>({
        path: '_all_docs',
        qs: {
          // Just after the last id read, whether or not that document still exists.
          startkey: page.after === undefined ? prefix : `${page.after}\u0000`,
          endkey: `${prefix}\ufff0`,
          limit: page.limit,
          include_docs: true,
        },
      });
      return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
    },

    revsDiff,

    get: (id, o = {}) => orUndefined(rq<StoredDoc>({ path: docPath(id), qs: readQs(o) })),

    async openRevs(id, revs, o = {}): Promise<OpenRev[]> {
      let asked: string[] | 'all' = revs;
      if (revs !== 'all') {
        asked = (
          await safeRevs(
            revs.map((rev) => ({ id, rev })),
            o.latest,
          )
        ).map((r) => r.rev as string);
        if (asked.length === 0) return revs.map((rev) => ({ missing: rev }));
      }
      const got = await orUndefined(
        rq<OpenRev[]>({
          path: docPath(id),
          qs: { ...readQs(o), open_revs: asked === 'all' ? 'all' : JSON.stringify(asked) },
        }),
      );
      return got ?? (revs === 'all' ? [] : revs.map((rev) => ({ missing: rev })));
    },

    async getAttachment(id, name, rev) {
      // Inline (base64) rather than the attachment endpoint: nano decodes text/* and JSON
      // attachment bodies, which would not give back the stored bytes.
      const doc = await store.get(id, { ...(rev ? { rev } : {}), attachments: true });
      const att = doc?._attachments?.[name];
      if (!att || typeof att.data !== 'string') return undefined;
      const contentType = typeof att.content_type === 'string' ? att.content_type : 'application/octet-stream';
      return { data: new Uint8Array(Buffer.from(att.data, 'base64')), contentType };
    },

    // Local ids are made by the gateway from hex digests, so they need no encoding.
    getLocal: (id) => orUndefined(rq<StoredDoc>({ path: `_local/${id}` })),

    async putLocal(id, doc) {
      // Apache CouchDB 3 takes a `_local` PUT without `_rev` (last writer wins). A server that
      // checks it (express-pouchdb in the tests, CouchDB 2) answers 409: write over the stored rev.
      const { _rev: _ignored, ...body } = doc;
      let rev: string | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await rq<{ rev: string }>({
            method: 'PUT',
            path: `_local/${id}`,
            body: { ...body, _id: `_local/${id}`, ...(rev ? { _rev: rev } : {}) },
          });
          return { rev: res.rev };
        } catch (err) {
          if (status(err) !== 409 || attempt >= LOCAL_ATTEMPTS) throw err;
          rev = (await store.getLocal(id))?._rev;
        }
      }
    },

    async close() {
      closing.abort();
    },
  };
  return store;
}

/** Rows per `_changes` request when the whole feed is read. */
const FEED_PAGE = 5000;

/** Writers racing on one `_local` document each get through within a few rounds; more means something is wrong. */
const LOCAL_ATTEMPTS = 20;

interface RawChange {
  id: string;
  seq: unknown;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: StoredDoc;
}

function toChange(r: RawChange): StoreChange {
  // CouchDB 3 seqs are strings; PouchDB-based servers answer numbers. Both stay opaque.
  return {
    seq: String(r.seq),
    id: r.id,
    changes: r.changes,
    deleted: r.deleted === true,
    ...(r.doc ? { doc: r.doc } : {}),
  };
}

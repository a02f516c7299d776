/**
 * The port between the sync gateway and the district's store. It is the slice of the CouchDB
 * document API that replication needs, with every sequence kept as an opaque string: a CouchDB
 * cluster's seqs are vectors over shards that only the store may read, so nothing above this
 * port compares, parses or orders them.
 */

/** A stored JSON document as the replication protocol carries it. */
export interface StoredDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _revisions?: { start: number; ids: string[] };
  _attachments?: Record<string, Record<string, unknown>>;
  _conflicts?: string[];
  [field: string]: unknown;
}

/** One row of the store's changes feed in `style=all_docs`: every leaf, deleted leaves too. */
export interface StoreChange {
  seq: string;
  id: string;
  /** Leaf revisions; the winner is `doc._rev` when docs were asked for (PouchDB does not list it first). */
  changes: { rev: string }[];
  deleted: boolean;
  doc?: StoredDoc;
}

/** One page of the changes feed; `lastSeq` is where the next page starts. */
export interface ChangesPage {
  results: StoreChange[];
  lastSeq: string;
}

/** A request for one page of the changes feed. */
export interface ChangesQuery {
  since: string;
  limit: number;
  includeDocs?: boolean;
  /** With `includeDocs`, adds `_conflicts` to each winning doc. */
  conflicts?: boolean;
  /**
   * With `includeDocs`, each doc cut down to these fields besides `_id`, `_rev` and `_deleted`
   * (`cutDown`; no `_conflicts`), for a reader that needs a few of them; a store may hand on more.
   */
  fields?: readonly string[];
}

/** Options for reading revisions; they mean what CouchDB's query parameters of the same name mean. */
export interface ReadOptions {
  revs?: boolean;
  latest?: boolean;
  attachments?: boolean;
  conflicts?: boolean;
}

/** Per-document failure of a write; successful documents are not reported (CouchDB with `new_edits:false`). */
export interface WriteFailure {
  id: string;
  rev?: string;
  error: string;
  reason: string;
}

/** `_revs_diff`'s answer: per id, the offered revisions the store lacks. */
export type RevsDiff = Record<string, { missing: string[]; possible_ancestors?: string[] }>;

/** `missing` for a revision the store does not hold, the CouchDB `open_revs` answer shape. */
export type OpenRev = { ok: StoredDoc } | { missing: string };

/** An attachment's bytes and media type. */
export interface AttachmentData {
  data: Uint8Array;
  contentType: string;
}

/** A `_local` write always lands (last writer wins, as in Apache CouchDB 3); `rev` is the store's new revision. */
export type PutLocalResult = { rev: string };

/** The store the hub keeps the district's documents in. */
export interface Store {
  /** What backs it, for logs and `GET /`. */
  readonly kind: 'pouch' | 'couch';
  info(): Promise<{ docCount: number; updateSeq: string }>;
  /** A page of changes after `since`, oldest first; tombstones included. */
  changes(query: ChangesQuery): Promise<ChangesPage>;
  /**
   * The whole changes feed from the start, in pages of `pageSize`, as `changes` with `includeDocs`
   * pages it but each document cut down to `fields` (besides `_id`, `_rev`, `_deleted`), each page
   * handed on as soon as it is read: for a store with a faster way to read itself whole than paging its feed (the embedded one). Left out
   * by a store without one; its callers page through `changes`.
   */
  feedFromStart?(fields: readonly string[], pageSize: number): AsyncIterable<ChangesPage>;
  /** Resolves true as soon as a change after `since` exists, false on timeout or abort. */
  waitForChange(since: string, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean>;
  /** Writes documents; with `newEdits:false` their revisions are kept as given (replication). */
  bulkDocs(docs: StoredDoc[], opts: { newEdits: boolean }): Promise<WriteFailure[]>;
  /**
   * Revisions by id and rev (the winner when rev is absent). Revisions the store does not hold
   * are left out, never reported as errors, and an unknown rev with `latest` must not fail.
   */
  bulkGet(requests: { id: string; rev?: string }[], opts: ReadOptions): Promise<{ id: string; docs: StoredDoc[] }[]>;
  /**
   * Live documents whose id starts with `prefix`, in id order, `limit` at a time, resuming after
   * the id `after`: what the hub's own small views read at start instead of the whole feed.
   */
  docsByPrefix(prefix: string, page: { limit: number; after?: string }): Promise<StoredDoc[]>;
  /** Which of the given revisions the store lacks. */
  revsDiff(revs: Record<string, string[]>): Promise<RevsDiff>;
  /** The winner, or one revision with `rev`; undefined when missing (or deleted without `rev`). */
  get(id: string, opts?: ReadOptions & { rev?: string }): Promise<StoredDoc | undefined>;
  /** The given revisions (`all`: every leaf), as CouchDB's `open_revs`. */
  openRevs(id: string, revs: string[] | 'all', opts?: ReadOptions): Promise<OpenRev[]>;
  /** An attachment of the winner, or of revision `rev`; undefined when missing. */
  getAttachment(id: string, name: string, rev?: string): Promise<AttachmentData | undefined>;
  /** A `_local` document (not replicated, not in the changes feed); `id` without the prefix. */
  getLocal(id: string): Promise<StoredDoc | undefined>;
  /**
   * Writes a `_local` document, last writer wins: Apache CouchDB 3 does not check `_rev` on
   * `_local` documents (a PUT without one, or with a stale one, is 201), so no caller may count on
   * a conflict; any `_rev` in `doc` is ignored.
   */
  putLocal(id: string, doc: Record<string, unknown>): Promise<PutLocalResult>;
  /** Ends pending waits and releases files and sockets. */
  close(): Promise<void>;
}

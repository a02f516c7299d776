import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { HallnetError, sleepUnlessAborted } from '../../sync/index.js';
import type { ChangesPage, Store, StoreChange } from '../store/store.js';
import { SnapshotKeeper, type SnapshotOptions } from '../snapshot/snapshot-keeper.js';
import { readIndexSnapshot, writeIndexSnapshot, type IndexSnapshot } from './index-snapshot.js';
import { lastKnownVisibility } from './last-known-visibility.js';
import { SeqMarks } from './seq-marks.js';
import { formatSeqToken, parseSeqToken } from './seq-token.js';
import { VisibilityLists, type IndexEntry } from './visibility-lists.js';
import { PUBLIC_KEY, VISIBILITY_FIELDS, visibilityOf, type Visibility } from './visibility-keys.js';

/** A `_changes` row as CouchDB writes it. */
export interface ChangeRow {
  seq: string;
  id: string;
  changes: { rev: string }[];
  deleted?: true;
}

/** Tuning for the index; the defaults suit a district. */
export interface VisibilityIndexOptions {
  logger?: Logger;
  /** Rows read from the store per request while catching up. */
  batchSize?: number;
  /** How long one wait on the store's feed lasts before it is renewed. */
  pollTimeoutMs?: number;
  /**
   * From how many documents in the store a first build reads it whole (`Store.feedFromStart`)
   * rather than paging its feed; a store without that way always pages.
   */
  scanFrom?: number;
  /** Save the index to a file and start from it after a restart; without it every start reads the whole feed. */
  snapshot?: SnapshotOptions;
}

interface Waiter {
  org: string;
  done: (woken: boolean) => void;
}

/**
 * Per org path, the documents a node there sees, in the order the index applied them from the
 * store's changes feed, tombstones included and carrying their last known parties. A node's
 * `_changes` page is read from its own path's list and the public list, so it costs what that
 * node sees, not what the district holds. Built from the feed at start — or from a snapshot of
 * itself and the feed after it — then kept following it.
 */
export class VisibilityIndex {
  /** Tags this instance's positions: another instance (or this one restarted) maps them through the store seq. */
  readonly epoch = randomUUID().replaceAll('-', '').slice(0, 12);
  /** Settles once the index has caught up with the store for the first time (or is closed). */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private lists = new VisibilityLists();
  private marks = new SeqMarks();
  private readonly keeper: SnapshotKeeper<IndexSnapshot> | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly stop = new AbortController();
  private _head = 0;
  private headStoreSeq = '0';
  private caughtUpAt: number | undefined;
  private closed = false;
  private keeping = false;
  private pulling: Promise<void> | undefined;
  private pullNext: Promise<void> | undefined;
  private readonly following: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly opts: VisibilityIndexOptions = {},
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.keeper =
      opts.snapshot &&
      new SnapshotKeeper(
        store,
        { what: 'visibility index', read: readIndexSnapshot, write: writeIndexSnapshot },
        opts.snapshot,
        opts.logger,
      );
    this.following = this.follow();
  }

  /** Applies whatever the store has that the index has not; resolves once it includes every write made before the call. */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.pulling) {
      this.pulling = this.pullAll().finally(() => (this.pulling = undefined));
      return this.pulling;
    }
    // The running pull may have read the store before the caller's write: queue one more.
    this.pullNext ??= this.pulling
      .catch(() => undefined)
      .then(() => {
        this.pullNext = undefined;
        return this.refresh();
      });
    return this.pullNext;
  }

  /** The position after which a node's `since` resumes; throws ERR_VALIDATION for a value we never handed out. */
  async resolveSince(since: string): Promise<number> {
    const t = parseSeqToken(since);
    if (!t) throw new HallnetError('ERR_VALIDATION', `invalid since "${since.slice(0, 80)}"`);
    if (t.kind === 'start') return 0;
    if (t.kind === 'now') return this._head;
    if (t.epoch === this.epoch) return Math.min(t.pos, this._head);
    return this.resumeAfterStoreSeq(t.storeSeq);
  }

  /**
   * Up to `limit` rows visible to `org` after position `after`; never an empty page while visible
   * rows remain. `next` is the position `lastSeq` stands for, where the next page starts.
   */
  page(
    org: string,
    after: number,
    limit: number,
    style: 'all_docs' | 'main_only',
  ): { results: ChangeRow[]; lastSeq: string; next: number; pending: number } {
    const entries = this.lists.collect(org, after, limit);
    const results = entries.map((e): ChangeRow => {
      const revs = style === 'all_docs' ? e.leaves : [e.winner];
      return {
        seq: this.token(e.pos),
        id: e.id,
        changes: revs.map((rev) => ({ rev })),
        ...(e.deleted ? { deleted: true as const } : {}),
      };
    });
    const last = entries.length === limit ? entries[entries.length - 1] : undefined;
    // A short page means nothing visible lies between its end and the head, so the node may jump there.
    if (!last) return { results, lastSeq: this.headToken(), next: this._head, pending: 0 };
    return { results, lastSeq: this.token(last.pos), next: last.pos, pending: this.pending(org, last.pos) };
  }

  /** How many rows `org` may still have after `after`: an upper bound, for progress (CouchDB's `pending`). */
  pending(org: string, after: number): number {
    return this.lists.pendingAfter(org, after);
  }

  /** Resolves true when `org` has something visible after `after`, false on timeout, abort or close. */
  waitForVisible(org: string, after: number, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean> {
    if (this.lists.collect(org, after, 1).length > 0) return Promise.resolve(true);
    if (this.closed || opts.signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        org,
        done: (woken) => {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          this.waiters.delete(waiter);
          resolve(woken);
        },
      };
      const onAbort = () => waiter.done(false);
      const timer = setTimeout(onAbort, opts.timeoutMs);
      opts.signal?.addEventListener('abort', onAbort);
      this.waiters.add(waiter);
    });
  }

  /** The entry of `id` if a node at `org` may see it; an invisible doc and a missing one look the same. */
  visibleEntry(id: string, org: string): IndexEntry | undefined {
    return this.lists.visibleTo(id, org);
  }

  /**
   * `visibleEntry` for each document a node fetches (by id, and revision if it names one) after
   * listing it in `_changes`, reading the store's feed first when any of them is unknown here or
   * at another revision. Behind a balancer the node may have listed it at another instance,
   * ahead of this one's follower; a document left out of `_bulk_get` is one PouchDB never asks
   * for again (its checkpoint moves past it), so "not here yet" must not pass for "invisible".
   */
  async visibleEntriesNow(wanted: { id: string; rev?: string }[], org: string): Promise<(IndexEntry | undefined)[]> {
    const look = () => wanted.map((w) => this.lists.visibleTo(w.id, org));
    const entries = look();
    const behind = entries.some((e, i) => {
      const rev = wanted[i]?.rev;
      return !e || (rev !== undefined && !e.leaves.includes(rev));
    });
    if (!behind) return entries;
    await this.refresh();
    return look();
  }

  /** What the index last saw of `id`, visible or not: the write policy's "current document". */
  known(id: string): IndexEntry | undefined {
    return this.lists.get(id);
  }

  /** Every live (not deleted) document a node at `org` sees. */
  liveEntries(org: string): IndexEntry[] {
    return this.lists.collect(org, 0, Number.POSITIVE_INFINITY).filter((e) => !e.deleted);
  }

  /** How many live documents a node at `org` sees, kept as counters so `GET /db/` stays cheap. */
  liveCount(org: string): number {
    return this.lists.liveCount(org);
  }

  /** The `seq` of everything applied so far: `last_seq` of an empty page, `update_seq` of `GET /db/`. */
  headToken(): string {
    return formatSeqToken(this._head, this.epoch, this.headStoreSeq);
  }

  /** Changes applied so far (positions handed out). */
  get head(): number {
    return this._head;
  }

  /** The index as it stands, copied at once, for `SnapshotKeeper` to write while the index moves on. */
  snapshot(): Omit<IndexSnapshot, 'storeId'> {
    return { storeSeq: this.headStoreSeq, head: this._head, marks: this.marks.list(), lists: this.lists.data() };
  }

  /** The store's seq of the last change applied: where a look at what the index still lacks starts. */
  get appliedStoreSeq(): string {
    return this.headStoreSeq;
  }

  /** When (ms since the epoch) the index last found the store had nothing more for it; undefined before its first build. */
  get currentAt(): number | undefined {
    return this.caughtUpAt;
  }

  /** Stops following the store and releases every waiting request; call before closing the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop.abort();
    this.markReady();
    for (const w of [...this.waiters]) w.done(false);
    // Let an in-flight store read finish before the store is closed, but not wait on a hung store forever.
    const bound = new Promise<void>((r) => setTimeout(r, 2000).unref());
    await Promise.race([Promise.all([this.following, this.pulling?.catch(() => undefined)]), bound]);
    await this.keeper?.close(this);
  }

  private token(pos: number): string {
    return formatSeqToken(pos, this.epoch, this.marks.before(pos));
  }

  private async follow(): Promise<void> {
    const restoredHead = await this.restore();
    let backoff = 250;
    while (!this.closed) {
      try {
        await this.refresh();
        if (this.keeper && this.caughtUpAt !== undefined && !this.keeping) {
          this.keeping = true;
          this.keeper.start(this, restoredHead);
        }
        this.markReady();
        backoff = 250;
        await this.store.waitForChange(this.headStoreSeq, {
          timeoutMs: this.opts.pollTimeoutMs ?? 30_000,
          signal: this.stop.signal,
        });
      } catch (err) {
        if (this.closed) break;
        this.opts.logger?.warn({ err }, 'visibility index cannot read the store; retrying');
        await sleepUnlessAborted(backoff, this.stop.signal);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  /** Starts from the keeper's snapshot, if it has a good one; returns the head it left (0: none). */
  private async restore(): Promise<number> {
    const started = performance.now();
    const snap = await this.keeper?.restore();
    if (!snap || this.closed) return 0;
    let lists: VisibilityLists;
    const marks = new Map<number, string>();
    try {
      let rank: (pos: number) => number;
      ({ lists, rank } = VisibilityLists.restore(snap.lists));
      // Each mark moves with the positions above it; of marks that land together the last is the closest.
      for (const m of snap.marks) marks.set(rank(m.pos), m.seq);
    } catch (err) {
      this.opts.logger?.warn({ err }, 'visibility index snapshot not loaded: building from the whole store feed');
      return 0;
    }
    this.lists = lists;
    this.marks = new SeqMarks([...marks].map(([pos, seq]) => ({ pos, seq })));
    this._head = lists.size;
    this.headStoreSeq = snap.storeSeq;
    this.opts.logger?.info(
      { docs: lists.size, ms: Math.round(performance.now() - started) },
      'visibility index restored from its snapshot; reading the store feed from there',
    );
    return this._head;
  }

  private async pullAll(): Promise<void> {
    const limit = this.opts.batchSize ?? 500;
    if (this._head === 0) await this.buildFromScan(limit);
    while (!this.closed) {
      const page = await this.store.changes({
        since: this.headStoreSeq,
        limit,
        includeDocs: true,
        fields: VISIBILITY_FIELDS,
      });
      if (page.results.length === 0) {
        this.caughtUpAt = Date.now();
        return;
      }
      await this.applyPage(page);
      if (page.results.length < limit) {
        this.caughtUpAt = Date.now();
        return;
      }
    }
  }

  /**
   * A first build over a large store: its whole feed read at once, each document cut down to what
   * visibility reads, where the store has a faster way than paging (the embedded one's feed looks
   * each row up alone). Any failure leaves the index as it was, to page the feed from the start.
   */
  private async buildFromScan(pageSize: number): Promise<void> {
    if (!this.store.feedFromStart) return;
    try {
      const { docCount } = await this.store.info();
      if (docCount < (this.opts.scanFrom ?? 10_000)) return;
      for await (const page of this.store.feedFromStart(VISIBILITY_FIELDS, pageSize)) {
        if (this.closed) return;
        await this.applyPage(page);
      }
    } catch (err) {
      if (this._head > 0) throw err; // applied in part: the caller's retry goes on from the feed
      this.opts.logger?.warn({ err }, 'visibility index cannot read the store whole; paging its feed');
    }
  }

  private async applyPage(page: ChangesPage): Promise<void> {
    this.marks.note(this._head, this.headStoreSeq);
    const history = await this.bareTombstoneHistory(page.results);
    const conflicting = await this.conflictingParties(page.results);
    const touched = new Set<string>();
    for (const row of page.results) this.apply(row, history.get(row.id) ?? conflicting.get(row.id), touched);
    this.headStoreSeq = page.lastSeq;
    for (const w of [...this.waiters]) if (touched.has(w.org) || touched.has(PUBLIC_KEY)) w.done(true);
  }

  /** `fromStore`: what the store's history says for a bare tombstone, or the parties of every live revision of a conflicted document. */
  private apply(row: StoreChange, fromStore: Visibility | undefined, touched: Set<string>): void {
    const pos = ++this._head;
    this.headStoreSeq = row.seq;
    if (row.id.startsWith('_design/')) return; // design documents are the store's business, never a node's
    // Tombstones arrive bare: they keep the parties of what they delete.
    const visibility = (row.deleted ? undefined : fromStore) ??
      visibilityOf(row.doc) ??
      (row.deleted ? (this.lists.get(row.id) ?? fromStore) : undefined) ?? { type: undefined, parties: [] };
    const keys = this.lists.put(pos, {
      id: row.id,
      winner: row.doc?._rev ?? row.changes[0]?.rev ?? '',
      leaves: row.changes.map((c) => c.rev),
      deleted: row.deleted,
      visibility,
    });
    for (const k of keys) touched.add(k);
  }

  /**
   * The type and parties of conflicted documents, over every live revision: an office named by any
   * of them sees the document, so a branch naming fewer offices, winning the winner pick, cannot
   * keep it from them until the conflict is merged. Conflicts are few and short-lived (the hub
   * merges a case's within a minute), so reading their other leaves costs little.
   */
  private async conflictingParties(rows: StoreChange[]): Promise<Map<string, Visibility>> {
    const out = new Map<string, Visibility>();
    const todo = rows.filter((r) => !r.deleted && r.doc?._rev && r.changes.length > 1);
    for (let i = 0; i < todo.length; i += 8) {
      await Promise.all(
        todo.slice(i, i + 8).map(async (r) => {
          const own = visibilityOf(r.doc);
          const others = r.changes.map((c) => c.rev).filter((rev) => rev !== r.doc!._rev);
          const leaves = await this.store.openRevs(r.id, others);
          const parties = new Set(own?.parties);
          for (const l of leaves)
            if ('ok' in l && !l.ok._deleted) for (const p of visibilityOf(l.ok)?.parties ?? []) parties.add(p);
          out.set(r.id, { type: own?.type, parties: [...parties].sort() });
        }),
      );
    }
    return out;
  }

  /** Parties of bare tombstones the index has never seen alive (only after a rebuild), read from history. */
  private async bareTombstoneHistory(rows: StoreChange[]): Promise<Map<string, Visibility>> {
    const out = new Map<string, Visibility>();
    const todo = rows.filter((r) => r.deleted && !visibilityOf(r.doc) && !this.lists.get(r.id) && r.doc?._rev);
    for (let i = 0; i < todo.length; i += 8) {
      await Promise.all(
        todo.slice(i, i + 8).map(async (r) => {
          const v = await lastKnownVisibility(this.store, r.id, r.doc?._rev as string);
          if (v) out.set(r.id, v);
        }),
      );
    }
    return out;
  }

  /**
   * Resumes a token from another index instance through its store seq: everything changed after
   * that seq is at or after the earliest position any such document now has here, so starting
   * there may repeat rows (harmless: `_revs_diff` drops them) but never skips one.
   */
  private async resumeAfterStoreSeq(storeSeq: string): Promise<number> {
    await this.refresh();
    // What the index applies while the store is read below lands above this head: the node
    // resumes no later than here, whatever the pages read before it was applied showed.
    let after = this._head;
    let since = storeSeq;
    for (;;) {
      const page = await this.store.changes({ since, limit: 1000 });
      for (const r of page.results) after = Math.min(after, (this.lists.get(r.id)?.pos ?? after + 1) - 1);
      if (page.results.length < 1000) break;
      since = page.lastSeq;
    }
    return after;
  }
}

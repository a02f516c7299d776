import type { Logger } from 'pino';
import { storeIdentity } from '../store/store-identity.js';
import type { Store } from '../store/store.js';
import type { SnapshotRejection } from './snapshot-file.js';

/** Where and how often a view of the store saves itself. */
export interface SnapshotOptions {
  /** The snapshot file, in this hub's own data folder: a per-instance cache, never shared. */
  path: string;
  /** How often to look whether a snapshot is due (default 60 s). */
  checkMs?: number;
  /** A snapshot is due once this many changes were applied since the last (default 50,000)… */
  minChanges?: number;
  /** …or once it is this old and anything changed (default 10 min). */
  maxAgeMs?: number;
}

/** How one kind of snapshot is read and written, and what the log calls it. */
export interface SnapshotCodec<S extends { storeId: string }> {
  /** "visibility index", "case lookup": log lines read "<what> snapshot written". */
  what: string;
  read(path: string, storeId: string): Promise<{ ok: true; snapshot: S } | { ok: false; reason: SnapshotRejection }>;
  write(path: string, snapshot: S): Promise<void>;
}

/** What the keeper saves: a view seen as its head (changes applied) and a snapshot taken at once. */
export interface Snapshottable<S extends { storeId: string }> {
  readonly head: number;
  snapshot(): Omit<S, 'storeId'>;
}

/**
 * Loads a view's snapshot at start and writes a new one when due and at close, so a restart
 * reads the store's feed only from where the snapshot stands instead of from the beginning.
 * A snapshot that is missing, partial, corrupt, of another format or of another store is
 * ignored with a log line, and the view is built from the store as before.
 */
export class SnapshotKeeper<S extends { storeId: string }> {
  private storeId: string | undefined;
  private savedHead = 0;
  private savedAt = Date.now();
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly codec: SnapshotCodec<S>,
    private readonly opts: SnapshotOptions,
    private readonly logger?: Logger,
  ) {}

  /** The snapshot as written, or undefined (logged why) to build from the store. */
  async restore(): Promise<S | undefined> {
    const { what } = this.codec;
    try {
      this.storeId ??= await storeIdentity(this.store);
      const read = await this.codec.read(this.opts.path, this.storeId);
      if (read.ok) return read.snapshot;
      if (read.reason === 'ERR_SNAPSHOT_MISSING')
        this.logger?.info({ path: this.opts.path }, `no ${what} snapshot: building from the whole store feed`);
      else
        this.logger?.warn(
          { path: this.opts.path, reason: read.reason },
          `${what} snapshot ignored: building from the whole store feed`,
        );
    } catch (err) {
      this.logger?.warn(
        { err, path: this.opts.path },
        `${what} snapshot not loaded: building from the whole store feed`,
      );
    }
    return undefined;
  }

  /** Checks now and every `checkMs` whether `view` is due a snapshot; `restoredHead` is where a loaded snapshot left it. */
  start(view: Snapshottable<S>, restoredHead: number): void {
    this.savedHead = restoredHead;
    const tick = () => {
      const { head } = view;
      const due =
        head - this.savedHead >= (this.opts.minChanges ?? 50_000) ||
        (head > this.savedHead && Date.now() - this.savedAt >= (this.opts.maxAgeMs ?? 600_000));
      if (due) void this.save(view);
    };
    tick();
    this.timer = setInterval(tick, this.opts.checkMs ?? 60_000);
    this.timer.unref();
  }

  /** Writes a final snapshot if anything changed since the last; call after the view stopped following. */
  async close(view: Snapshottable<S>): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
    if (view.head > this.savedHead) await this.save(view);
  }

  /** Writes one snapshot (never two at once). */
  private save(view: Snapshottable<S>): Promise<void> {
    this.writing ??= this.write(view).finally(() => (this.writing = undefined));
    return this.writing;
  }

  /** A failure is logged, and the next check tries again. */
  private async write(view: Snapshottable<S>): Promise<void> {
    const { what } = this.codec;
    try {
      this.storeId ??= await storeIdentity(this.store);
      const head = view.head;
      const snap = { ...view.snapshot(), storeId: this.storeId } as S;
      const started = performance.now();
      await this.codec.write(this.opts.path, snap);
      this.savedHead = head;
      this.savedAt = Date.now();
      this.logger?.info({ head, ms: Math.round(performance.now() - started) }, `${what} snapshot written`);
    } catch (err) {
      this.logger?.warn({ err, path: this.opts.path }, `${what} snapshot not written; the next check retries`);
    }
  }
}

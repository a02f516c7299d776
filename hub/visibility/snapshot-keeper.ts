import type { Logger } from 'pino';
import { storeIdentity } from '../store/store-identity.js';
import type { Store } from '../store/store.js';
import { readIndexSnapshot, writeIndexSnapshot, type IndexSnapshot } from './index-snapshot.js';
import { SeqMarks } from './seq-marks.js';
import { VisibilityLists } from './visibility-lists.js';

/** Where and how often a visibility index saves itself. */
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

/** What the keeper saves: the index, seen as its head and a snapshot taken at once. */
export interface Snapshottable {
  readonly head: number;
  snapshot(): Omit<IndexSnapshot, 'storeId'>;
}

/** An index's state as a snapshot gives it back, positions renumbered 1…head. */
export interface RestoredIndex {
  lists: VisibilityLists;
  marks: SeqMarks;
  head: number;
  storeSeq: string;
}

/**
 * Loads an index's snapshot at start and writes a new one when due and at close, so a restart
 * reads the store's feed only from where the snapshot stands instead of from the beginning.
 * A snapshot that is missing, partial, corrupt, of another format or of another store is
 * ignored with a log line, and the index is built from the whole feed as before.
 */
export class SnapshotKeeper {
  private storeId: string | undefined;
  private savedHead = 0;
  private savedAt = Date.now();
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly opts: SnapshotOptions,
    private readonly logger?: Logger,
  ) {}

  /** The index as the snapshot left it, or undefined (logged why) to build from the whole feed. */
  async restore(): Promise<RestoredIndex | undefined> {
    try {
      const started = performance.now();
      this.storeId ??= await storeIdentity(this.store);
      const read = await readIndexSnapshot(this.opts.path, this.storeId);
      if (!read.ok) {
        if (read.reason === 'ERR_SNAPSHOT_MISSING')
          this.logger?.info(
            { path: this.opts.path },
            'no visibility index snapshot: building from the whole store feed',
          );
        else
          this.logger?.warn(
            { path: this.opts.path, reason: read.reason },
            'visibility index snapshot ignored: building from the whole store feed',
          );
        return undefined;
      }
      const snap = read.snapshot;
      const { lists, rank } = VisibilityLists.restore(snap.lists);
      // Each mark moves with the positions above it; of marks that land together the last is the closest.
      const marks = new Map<number, string>();
      for (const m of snap.marks) marks.set(rank(m.pos), m.seq);
      this.logger?.info(
        { docs: lists.size, ms: Math.round(performance.now() - started) },
        'visibility index restored from its snapshot; reading the store feed from there',
      );
      return {
        lists,
        marks: new SeqMarks([...marks].map(([pos, seq]) => ({ pos, seq }))),
        head: lists.size,
        storeSeq: snap.storeSeq,
      };
    } catch (err) {
      this.logger?.warn(
        { err, path: this.opts.path },
        'visibility index snapshot not loaded: building from the whole store feed',
      );
      return undefined;
    }
  }

  /** Checks now and every `checkMs` whether `index` is due a snapshot; `restoredHead` is where a loaded snapshot left it. */
  start(index: Snapshottable, restoredHead: number): void {
    this.savedHead = restoredHead;
    const tick = () => {
      const { head } = index;
      const due =
        head - this.savedHead >= (this.opts.minChanges ?? 50_000) ||
        (head > this.savedHead && Date.now() - this.savedAt >= (this.opts.maxAgeMs ?? 600_000));
      if (due) void this.save(index);
    };
    tick();
    this.timer = setInterval(tick, this.opts.checkMs ?? 60_000);
    this.timer.unref();
  }

  /** Writes a final snapshot if anything changed since the last; call after the index stopped following. */
  async close(index: Snapshottable): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
    if (index.head > this.savedHead) await this.save(index);
  }

  /** Writes one snapshot (never two at once). */
  private save(index: Snapshottable): Promise<void> {
    this.writing ??= this.write(index).finally(() => (this.writing = undefined));
    return this.writing;
  }

  /** A failure is logged, and the next check tries again. */
  private async write(index: Snapshottable): Promise<void> {
    try {
      this.storeId ??= await storeIdentity(this.store);
      const snap = index.snapshot();
      const started = performance.now();
      await writeIndexSnapshot(this.opts.path, { ...snap, storeId: this.storeId });
      this.savedHead = snap.head;
      this.savedAt = Date.now();
      this.logger?.info(
        { docs: snap.lists.ids.length, ms: Math.round(performance.now() - started) },
        'visibility index snapshot written',
      );
    } catch (err) {
      this.logger?.warn({ err, path: this.opts.path }, 'visibility index snapshot not written; the next check retries');
    }
  }
}

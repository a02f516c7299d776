/**
 * Buckets the cache is spread over: a flush rewrites each bucket that changed in full, so at
 * 100,000 cases a bucket holds ~25 of them (~2 KB) instead of the ~400 (~35 KB) of the 256 it
 * had, which a busy flush rewrote by the hundred every 2 s.
 */
const BUCKETS = 4096;
/** The buckets of the earlier layout, whose documents are removed when found. */
const OLD_BUCKETS = 256;
const FLUSH_MS = 2_000;
/** Buckets read at once at load. */
const LOAD_AT_ONCE = 64;

/** FNV-1a over the id: spreads the district's cases evenly over the buckets. */
function bucketOf(docId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < docId.length; i++) h = Math.imul(h ^ docId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

const localId = (bucket: number, digits = 3) => `_local/case-verified:${bucket.toString(16).padStart(digits, '0')}`;

/**
 * The case revisions this node has already checked in full (every event's signature verified
 * against a key the district vouches for, nothing left out), kept across restarts in `_local`
 * documents (never replicated), so a node holding 100,000 cases does not verify every signature
 * again at each start. A revision id names its content on this replica, so a cached revision is
 * the same document; any other revision of the case is checked afresh.
 */
export class VerifiedRevisions {
  /** Each bucket's cases and the revision checked, as its `_local` document holds them. */
  private readonly buckets = new Map<number, Map<string, string>>();
  private readonly localRevs = new Map<number, string>();
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: PouchDB.Database) {}

  async load(): Promise<void> {
    for (let from = 0; from < BUCKETS; from += LOAD_AT_ONCE) {
      await Promise.all(
        Array.from({ length: LOAD_AT_ONCE }, async (_, i) => {
          const b = from + i;
          const doc = await this.db.get<{ revs: Record<string, string> }>(localId(b)).catch(() => undefined);
          if (!doc) return;
          this.localRevs.set(b, doc._rev);
          this.buckets.set(b, new Map(Object.entries(doc.revs ?? {})));
        }),
      );
    }
    // The earlier layout's documents: a cache, so dropped rather than carried over (what they
    // held is checked once more).
    for (let b = 0; b < OLD_BUCKETS; b++) {
      const old = await this.db.get(localId(b, 2)).catch(() => undefined);
      if (old) await this.db.remove(old).catch(() => undefined);
    }
  }

  /** Whether this exact revision (winner and conflicts) of the case was checked in full before. */
  has(docId: string, revKey: string): boolean {
    return this.buckets.get(bucketOf(docId))?.get(docId) === revKey;
  }

  mark(docId: string, revKey: string): void {
    const b = bucketOf(docId);
    let bucket = this.buckets.get(b);
    if (bucket?.get(docId) === revKey) return;
    if (!bucket) this.buckets.set(b, (bucket = new Map()));
    bucket.set(docId, revKey);
    this.touch(b);
  }

  forget(docId: string): void {
    const b = bucketOf(docId);
    if (this.buckets.get(b)?.delete(docId)) this.touch(b);
  }

  /** Forgets everything (a certificate was revoked: what its key signed after must be checked again). */
  clear(): void {
    for (const b of this.buckets.keys()) this.dirty.add(b);
    for (const b of this.localRevs.keys()) this.dirty.add(b);
    this.buckets.clear();
    this.schedule();
  }

  /** Writes what changed; call before closing the replica. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private touch(bucket: number): void {
    this.dirty.add(bucket);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref();
  }

  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const buckets = [...this.dirty];
      this.dirty.clear();
      if (!buckets.length) return;
      const docs = buckets.map((b) => {
        const _rev = this.localRevs.get(b);
        return { _id: localId(b), ...(_rev ? { _rev } : {}), revs: Object.fromEntries(this.buckets.get(b) ?? []) };
      });
      // One batch, one fsync for every bucket. A cache: a write that fails is simply checked again at the next start.
      const results = await this.db.bulkDocs(docs).catch(() => []);
      results.forEach((res, i) => {
        if ('ok' in res && res.ok) this.localRevs.set(buckets[i]!, res.rev);
      });
    });
    return this.flushing;
  }
}

const BUCKETS = 256;
const FLUSH_MS = 2_000;

/** FNV-1a over the id: spreads the district's cases evenly over the buckets. */
function bucketOf(docId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < docId.length; i++) h = Math.imul(h ^ docId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

const localId = (bucket: number) => `_local/case-verified:${bucket.toString(16).padStart(2, '0')}`;

/**
 * The case revisions this node has already checked in full (every event's signature verified
 * against a key the district vouches for, nothing left out), kept across restarts in `_local`
 * documents (never replicated), so a node holding 100,000 cases does not verify every signature
 * again at each start. A revision id names its content on this replica, so a cached revision is
 * the same document; any other revision of the case is checked afresh.
 */
export class VerifiedRevisions {
  private readonly revs = new Map<string, string>();
  private readonly localRevs = new Map<number, string>();
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: PouchDB.Database) {}

  async load(): Promise<void> {
    for (let b = 0; b < BUCKETS; b++) {
      const doc = await this.db.get<{ revs: Record<string, string> }>(localId(b)).catch(() => undefined);
      if (!doc) continue;
      this.localRevs.set(b, doc._rev);
      for (const [id, rev] of Object.entries(doc.revs ?? {})) this.revs.set(id, rev);
    }
  }

  /** Whether this exact revision (winner and conflicts) of the case was checked in full before. */
  has(docId: string, revKey: string): boolean {
    return this.revs.get(docId) === revKey;
  }

  mark(docId: string, revKey: string): void {
    if (this.revs.get(docId) === revKey) return;
    this.revs.set(docId, revKey);
    this.touch(docId);
  }

  forget(docId: string): void {
    if (this.revs.delete(docId)) this.touch(docId);
  }

  /** Forgets everything (a certificate was revoked: what its key signed after must be checked again). */
  clear(): void {
    this.revs.clear();
    for (let b = 0; b < BUCKETS; b++) this.dirty.add(b);
    this.schedule();
  }

  /** Writes what changed; call before closing the replica. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private touch(docId: string): void {
    this.dirty.add(bucketOf(docId));
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
      const contents = new Map<number, Record<string, string>>(buckets.map((b) => [b, {}]));
      for (const [id, rev] of this.revs) {
        const bucket = contents.get(bucketOf(id));
        if (bucket) bucket[id] = rev;
      }
      const docs = [...contents].map(([b, revs]) => {
        const _rev = this.localRevs.get(b);
        return { _id: localId(b), ...(_rev ? { _rev } : {}), revs };
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

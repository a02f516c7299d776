/** A live changes feed as PouchDB gives it: each change with its sequence. */
export interface LiveFeed {
  on(event: 'change', fn: (change: { seq: number | string }) => void): LiveFeed;
  on(event: 'error', fn: (err: unknown) => void): LiveFeed;
  cancel(): void;
}

/** Where the bell listens: the store's sequence now, and a live feed of what comes after a sequence. */
export interface ChangeSource {
  currentSeq(): Promise<number>;
  liveAfter(seq: number): LiveFeed;
}

interface Waiter {
  since: number;
  finish(changed: boolean): void;
}

/**
 * The store's waiters for its next change (the hub's followers: catalogue, grants, case lookup,
 * visibility index, city link…) share one live feed. Before, each wait opened a feed of its own,
 * so every write was read from LevelDB once per waiter, and a dozen waiters set off Node's
 * listener-leak warning on PouchDB's change notifier.
 */
export class ChangeBell {
  /**
   * The feed in a box (PouchDB's feed is a thenable, which a promise resolving to it would wait
   * out), with the last sequence it knows the store holds: where it opened, or its latest change.
   */
  private feed: Promise<{ live: LiveFeed; at: number }> | undefined;
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  constructor(private readonly source: ChangeSource) {}

  /** Resolves true once the store holds a change after `since`, false after `timeoutMs`, on abort or close. */
  wait(since: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      if (this.closed || signal?.aborted) return resolve(false);
      const waiter: Waiter = {
        since,
        finish: (changed) => {
          if (!this.waiters.delete(waiter)) return;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(changed);
        },
      };
      const onAbort = () => waiter.finish(false);
      const timer = setTimeout(onAbort, timeoutMs);
      signal?.addEventListener('abort', onAbort);
      this.waiters.add(waiter);
      // The feed tells of writes after this waiter joined; one stored before is seen here, without
      // asking the store: the feed knows how far it holds.
      this.listen().then(
        (feed) => feed.at > since && waiter.finish(true),
        () => undefined,
      );
    });
  }

  /** Ends every wait (false) and the feed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of [...this.waiters]) w.finish(false);
    const feed = this.feed;
    this.feed = undefined;
    (await feed?.catch(() => undefined))?.live.cancel();
  }

  /** The shared feed, opened at the first wait from the sequence the store is at then, so no write falls between. */
  private listen(): Promise<{ live: LiveFeed; at: number }> {
    this.feed ??= this.source.currentSeq().then((seq) => {
      const feed = this.source.liveAfter(seq);
      const box = { live: feed, at: seq };
      feed.on('change', (c) => {
        const at = Number(c.seq);
        box.at = Math.max(box.at, at);
        for (const w of [...this.waiters]) if (at > w.since) w.finish(true);
      });
      // A feed that failed is opened again by the next wait; those waiting now look again (false).
      feed.on('error', () => {
        this.feed = undefined;
        for (const w of [...this.waiters]) w.finish(false);
      });
      if (this.closed) feed.cancel();
      return box;
    });
    const opening = this.feed;
    opening.catch(() => {
      if (this.feed === opening) this.feed = undefined;
    });
    return opening;
  }
}

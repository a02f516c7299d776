import { retryDelay } from '../../sync/index.js';

/** Where a feed reports that it failed and is being opened again. */
export type FeedLog = { warn(detail: object, msg: string): void };

/** One change of the replica as a follower receives it. */
export type ReplicaChange = PouchDB.Core.ChangesResponseChange<object>;

/** A feed that keeps following until cancelled. */
export interface ReplicaFollower {
  cancel(): void;
}

interface Follower {
  /** The last change this follower was given (or its starting point). */
  since: number;
  conflicts: boolean;
  what: string;
  log: FeedLog;
  onChange: (change: ReplicaChange) => void;
}

/**
 * One live changes feed of a replica, with documents and their conflicts, for every index that
 * follows it: each change is read from disk once, not once per index. Each follower is given the
 * changes after its own starting point, in order, as a feed of its own would give them; one that
 * starts behind the feed's position takes the feed back to where it starts (the others skip what
 * they were given already). PouchDB ends a live feed on its first error, and an index fed by it
 * would then silently stop seeing what sync brings; here the failure is logged and the feed opened
 * again from the last change read, after a short wait.
 */
class SharedFeed {
  private readonly followers = new Set<Follower>();
  private feed: PouchDB.Core.Changes<object> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The last change read (or where the feed was opened). */
  private at = 0;
  private readonly delay = retryDelay();

  constructor(
    private readonly db: PouchDB.Database,
    private readonly onIdle: () => void,
  ) {}

  add(f: Follower): ReplicaFollower {
    this.followers.add(f);
    if (this.followers.size === 1 || f.since < this.at) this.open(f.since);
    return {
      cancel: () => {
        if (!this.followers.delete(f) || this.followers.size) return;
        this.stop();
        this.onIdle();
      },
    };
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.feed?.cancel();
    this.feed = undefined;
  }

  private open(since: number): void {
    this.stop();
    this.at = since;
    const feed = this.db
      .changes({ live: true, since, include_docs: true, conflicts: true })
      .on('change', (ch) => {
        if (this.feed !== feed) return;
        this.delay.reset();
        const seq = Number(ch.seq);
        this.at = seq;
        for (const f of [...this.followers]) {
          if (seq <= f.since) continue;
          f.since = seq;
          try {
            f.onChange(f.conflicts ? ch : withoutConflicts(ch));
          } catch (err) {
            f.log.warn({ err, id: ch.id }, `${f.what}: a change of the replica was not taken`);
          }
        }
      })
      .on('error', (err: unknown) => {
        if (this.feed !== feed) return;
        for (const f of this.followers)
          f.log.warn({ err, since: this.at }, `${f.what}: the replica's changes feed failed; following again`);
        feed.cancel();
        this.feed = undefined;
        this.timer = setTimeout(() => this.open(this.at), this.delay.next());
      });
    this.feed = feed;
  }
}

/** The change with its document's `_conflicts` left out, for a follower that did not ask for them. */
function withoutConflicts(ch: ReplicaChange): ReplicaChange {
  if (!ch.doc || !('_conflicts' in ch.doc)) return ch;
  const { _conflicts: _, ...doc } = ch.doc as typeof ch.doc & { _conflicts?: string[] };
  return { ...ch, doc };
}

const feeds = new WeakMap<PouchDB.Database, SharedFeed>();

/**
 * Follows the replica's changes from `since` with their documents (and conflicts if asked), until
 * cancelled, through the replica's one shared feed.
 */
export function followReplica(
  db: PouchDB.Database,
  o: { since: number | string; conflicts?: boolean; what: string; log: FeedLog },
  onChange: (change: ReplicaChange) => void,
): ReplicaFollower {
  let feed = feeds.get(db);
  if (!feed) {
    const made: SharedFeed = new SharedFeed(db, () => {
      if (feeds.get(db) === made) feeds.delete(db);
    });
    feed = made;
    feeds.set(db, feed);
  }
  return feed.add({ since: Number(o.since), conflicts: o.conflicts === true, what: o.what, log: o.log, onChange });
}

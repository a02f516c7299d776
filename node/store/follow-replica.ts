import { retryDelay } from '../../sync/index.js';

/** Where a feed reports that it failed and is being opened again. */
export type FeedLog = { warn(detail: object, msg: string): void };

/** One change of the replica as a follower receives it. */
export type ReplicaChange = PouchDB.Core.ChangesResponseChange<object>;

/** A feed that keeps following until cancelled. */
export interface ReplicaFollower {
  cancel(): void;
}

/**
 * Follows the replica's changes from `since` with their documents (and conflicts if asked). PouchDB
 * ends a live feed on its first error, and an index fed by it would then silently stop seeing
 * what sync brings; here the failure is logged and the feed opened again from the last change
 * taken, after a short wait.
 */
export function followReplica(
  db: PouchDB.Database,
  o: { since: number | string; conflicts?: boolean; what: string; log: FeedLog },
  onChange: (change: ReplicaChange) => void,
): ReplicaFollower {
  let since = o.since;
  let feed: PouchDB.Core.Changes<object> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const delay = retryDelay();
  const open = () => {
    timer = undefined;
    if (cancelled) return;
    feed = db
      .changes({ live: true, since, include_docs: true, ...(o.conflicts ? { conflicts: true } : {}) })
      .on('change', (ch) => {
        delay.reset();
        since = ch.seq;
        onChange(ch);
      })
      .on('error', (err: unknown) => {
        if (cancelled) return;
        o.log.warn({ err, since }, `${o.what}: the replica's changes feed failed; following again`);
        feed?.cancel();
        timer = setTimeout(open, delay.next());
      });
  };
  open();
  return {
    cancel() {
      cancelled = true;
      if (timer) clearTimeout(timer);
      feed?.cancel();
    },
  };
}

import type { Logger } from 'pino';
import type { StoredDoc, Store } from './store/store.js';

const PAGE = 1000;

/**
 * Calls `onDoc` for every live document whose id starts with `prefix`, then for each later
 * change of one, until stopped — for the hub's own small views (revoked certificates, grants).
 * The start reads only those documents by id, never the district's whole feed, so it costs the
 * same with a million cases; after that the feed is read without bodies and only the view's own
 * documents are fetched — and of those, none `skip` says the view has no use for (a view of what
 * never changes in a document takes each one once). A view restored from a snapshot passes the
 * store seq it reflects as `since`: the start then reads only the feed after it, and is ready
 * once it has caught up.
 */
export function followStore(
  store: Store,
  prefix: string,
  onDoc: (doc: StoredDoc) => void,
  logger: Logger,
  opts: { skip?: (id: string) => boolean; since?: string } = {},
): StoreFollower {
  const abort = new AbortController();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  // One document the view cannot take is skipped and logged; it must not hold up the rest for good.
  const take = (doc: StoredDoc) => {
    try {
      onDoc(doc);
    } catch (err) {
      logger.warn({ err, id: doc._id, prefix }, 'document not taken by the store follower; skipped');
    }
  };
  const retry = async (err: unknown) => {
    logger.warn({ err, prefix }, 'store follower retrying');
    await new Promise((r) => setTimeout(r, 1000).unref());
  };
  let since = opts.since;
  let rows = 0;
  void (async () => {
    while (since === undefined && !abort.signal.aborted) {
      try {
        // The seq first: a document changed while the list is read comes again from the feed.
        const at = (await store.info()).updateSeq;
        let after: string | undefined;
        for (;;) {
          const docs = await store.docsByPrefix(prefix, { limit: PAGE, ...(after === undefined ? {} : { after }) });
          for (const doc of docs) take(doc);
          rows += docs.length;
          if (docs.length < PAGE) break;
          after = docs[docs.length - 1]?._id;
        }
        since = at;
      } catch (err) {
        if (abort.signal.aborted) return;
        await retry(err);
      }
    }
    if (opts.since === undefined) markReady();
    while (since !== undefined && !abort.signal.aborted) {
      try {
        const page = await store.changes({ since, limit: PAGE });
        const ours = page.results.filter((r) => r.id.startsWith(prefix) && !r.deleted && !opts.skip?.(r.id));
        if (ours.length > 0)
          for (const got of await store.bulkGet(
            ours.map((r) => ({ id: r.id })),
            {},
          ))
            for (const doc of got.docs) take(doc);
        since = page.lastSeq;
        rows += page.results.length;
        if (page.results.length < PAGE) {
          markReady();
          await store.waitForChange(since, { timeoutMs: 30_000, signal: abort.signal });
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        await retry(err);
      }
    }
  })();
  return {
    ready,
    stop: () => abort.abort(),
    position: () => since,
    get rows() {
      return rows;
    },
  };
}

/** A running follower: when it first caught up, where it stands, and how to stop it. */
export interface StoreFollower {
  ready: Promise<void>;
  stop(): void;
  /** The store seq up to which every change has been delivered (undefined before the start's read is done). */
  position(): string | undefined;
  /** Documents and feed rows read since the follower started: a view's changes, for its snapshot keeper. */
  readonly rows: number;
}

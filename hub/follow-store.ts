import type { Logger } from 'pino';
import type { ChangesPage, StoredDoc, Store } from './store/store.js';

const PAGE = 1000;

type PageListener = (page: ChangesPage) => Promise<void>;

/**
 * The store's changes feed read once for every view that follows it: each page (ids and leaves,
 * no bodies) is handed to every listener before the next is read. PouchDB reads every change's
 * body and metadata from disk to answer even a feed without bodies, so seven views each reading
 * the feed (and each waiting on it) cost seven times that per change of the district.
 */
class StoreTail {
  private readonly listeners = new Set<PageListener>();
  private readonly abort = new AbortController();
  /** Where the next page starts: every change up to it has been handed to the listeners of the time. */
  position: string | undefined;
  /** Resolves once the tail knows where it starts. */
  readonly started: Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly onIdle: () => void,
  ) {
    let markStarted: () => void = () => undefined;
    this.started = new Promise<void>((r) => (markStarted = r));
    void this.run(markStarted);
  }

  add(listener: PageListener): () => void {
    this.listeners.add(listener);
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size) return;
      this.abort.abort();
      this.onIdle();
    };
  }

  private async run(markStarted: () => void): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        if (this.position === undefined) {
          this.position = (await this.store.info()).updateSeq;
          markStarted();
        }
        const page = await this.store.changes({ since: this.position, limit: PAGE });
        if (page.results.length) await Promise.all([...this.listeners].map((l) => l(page)));
        this.position = page.lastSeq;
        if (page.results.length < PAGE) await this.store.waitForChange(this.position, { timeoutMs: 30_000, signal });
      } catch (err) {
        if (signal.aborted) return;
        this.logger.warn({ err }, 'store follower retrying');
        await new Promise((r) => setTimeout(r, 1000).unref());
      }
    }
  }
}

const tails = new WeakMap<Store, StoreTail>();

function tailOf(store: Store, logger: Logger): StoreTail {
  let tail = tails.get(store);
  if (!tail) {
    const made: StoreTail = new StoreTail(store, logger, () => {
      if (tails.get(store) === made) tails.delete(store);
    });
    tail = made;
    tails.set(store, tail);
  }
  return tail;
}

/**
 * Calls `onDoc` for every live document whose id starts with `prefix`, then for each later
 * change of one, until stopped — for the hub's own small views (revoked certificates, grants).
 * The start reads only those documents by id, never the district's whole feed, so it costs the
 * same with a million cases; after that the feed is read without bodies — once for every view,
 * through the store's shared tail — and only the view's own documents are fetched, and of those
 * none `skip` says the view has no use for (a view of what never changes in a document takes
 * each one once). A view restored from a snapshot passes the store seq it reflects as `since`:
 * the start then reads only the feed after it, and is ready once it has caught up.
 */
export function followStore(
  store: Store,
  prefix: string,
  onDoc: (doc: StoredDoc) => void,
  logger: Logger,
  opts: { skip?: (id: string) => boolean; since?: string } = {},
): StoreFollower {
  const abort = new AbortController();
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
  let position: string | undefined;
  let rows = 0;
  /** Fetches and takes the view's own documents among some changes of the feed; retries until stopped. */
  const takeChanges = async (page: ChangesPage) => {
    const ours = page.results.filter((r) => r.id.startsWith(prefix) && !r.deleted && !opts.skip?.(r.id));
    while (ours.length && !abort.signal.aborted) {
      try {
        for (const got of await store.bulkGet(
          ours.map((r) => ({ id: r.id })),
          {},
        ))
          for (const doc of got.docs) take(doc);
        break;
      } catch (err) {
        if (abort.signal.aborted) return;
        await retry(err);
      }
    }
    rows += page.results.length;
  };
  // Every view joins the tail before its start reads anything: a change the tail had passed by
  // then was made before that read and is in it; one after comes from the tail. Pages that come
  // meanwhile are queued after the read (the tail goes on for the other views), so a body fetched
  // for a change is never older than what the read gave.
  const tail = tailOf(store, logger);
  let joinedAt: string | undefined = tail.position;
  let queue: Promise<void> = Promise.resolve();
  let following = false;
  const leave = tail.add((page) => {
    queue = queue.then(async () => {
      if (abort.signal.aborted) return;
      await takeChanges(page);
      position = page.lastSeq;
    });
    return following ? queue : Promise.resolve();
  });
  const started = (async () => {
    await tail.started;
    joinedAt ??= tail.position;
    while (!abort.signal.aborted) {
      try {
        if (opts.since !== undefined) {
          // From the snapshot's seq until the feed is read to its end: the tail brings the rest.
          let since = opts.since;
          for (;;) {
            const page = await store.changes({ since, limit: PAGE });
            await takeChanges(page);
            since = page.lastSeq;
            position = since;
            if (page.results.length < PAGE) return;
          }
        }
        let after: string | undefined;
        for (;;) {
          const docs = await store.docsByPrefix(prefix, { limit: PAGE, ...(after === undefined ? {} : { after }) });
          for (const doc of docs) take(doc);
          rows += docs.length;
          if (docs.length < PAGE) break;
          after = docs[docs.length - 1]?._id;
        }
        position = joinedAt;
        return;
      } catch (err) {
        if (abort.signal.aborted) return;
        await retry(err);
      }
    }
  })();
  queue = started.then(() => {
    following = true;
  });
  return {
    ready: started,
    stop: () => {
      abort.abort();
      leave();
    },
    position: () => position,
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

import type { Logger } from 'pino';
import type { StoredDoc, Store } from './store/store.js';

/**
 * Calls `onDoc` for every document in the store, then for each change as it comes, until
 * stopped — for the hub's own small views (revoked certificates, published keys), which are
 * read by id prefix so they never scan the district's cases twice.
 */
export function followStore(store: Store, prefix: string, onDoc: (doc: StoredDoc) => void, logger: Logger): { ready: Promise<void>; stop(): void } {
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
  void (async () => {
    let since = '0';
    while (!abort.signal.aborted) {
      try {
        const page = await store.changes({ since, limit: 1000, includeDocs: true });
        for (const row of page.results) if (row.id.startsWith(prefix) && row.doc && !row.deleted) take(row.doc);
        since = page.lastSeq;
        if (page.results.length < 1000) {
          markReady();
          await store.waitForChange(since, { timeoutMs: 30_000, signal: abort.signal });
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        logger.warn({ err, prefix }, 'store follower retrying');
        await new Promise((r) => setTimeout(r, 1000).unref());
      }
    }
  })();
  return { ready, stop: () => abort.abort() };
}

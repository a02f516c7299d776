import type { Logger } from 'pino';
import { followStore, type StoreFollower } from '../follow-store.js';
import { SnapshotKeeper, type SnapshotOptions, type Snapshottable } from '../snapshot/snapshot-keeper.js';
import type { Store } from '../store/store.js';
import { CaseLookup } from './case-lookup.js';
import { readCaseLookupSnapshot, writeCaseLookupSnapshot, type CaseLookupSnapshot } from './case-lookup-snapshot.js';

/**
 * A CaseLookup kept current from the store: at start from its snapshot and the feed after it, or
 * without one every case (read by id prefix, never the whole feed); then each new case from the
 * feed — a case already taken is not fetched again however often its events change, since its
 * header cannot. With `snapshot` it saves itself as the visibility index does (SnapshotKeeper).
 */
export function followCaseLookup(
  store: Store,
  logger: Logger,
  opts: {
    snapshot?: SnapshotOptions;
    /** Settled before the lookup starts loading: its load shares the thread with what must serve first. */
    after?: Promise<unknown>;
  } = {},
): { lookup: CaseLookup; ready: Promise<void>; stop(): Promise<void> } {
  const lookup = new CaseLookup();
  const keeper =
    opts.snapshot &&
    new SnapshotKeeper<CaseLookupSnapshot>(
      store,
      { what: 'case lookup', read: readCaseLookupSnapshot, write: writeCaseLookupSnapshot },
      opts.snapshot,
      logger,
    );
  let follower: StoreFollower | undefined;
  let stopped = false;
  const view: Snapshottable<CaseLookupSnapshot> = {
    get head() {
      return follower?.rows ?? 0;
    },
    snapshot: () => ({ storeSeq: follower?.position() ?? '0', lookup: lookup.data() }),
  };
  const ready = (async () => {
    await opts.after?.catch(() => undefined);
    if (stopped) return;
    const started = performance.now();
    const restored = await keeper?.restore();
    if (restored) {
      lookup.load(restored.lookup);
      logger.info(
        { cases: lookup.size, ms: Math.round(performance.now() - started) },
        'case lookup restored from its snapshot; reading the store feed from there',
      );
    }
    if (stopped) return;
    const f = followStore(store, 'case:', (doc) => lookup.take(doc), logger, {
      skip: (id) => lookup.has(id),
      ...(restored ? { since: restored.storeSeq } : {}),
    });
    follower = f;
    await f.ready;
    if (!stopped) keeper?.start(view, 0);
  })();
  return {
    lookup,
    ready,
    async stop() {
      stopped = true;
      follower?.stop();
      // The final snapshot only once the lookup is whole: a half-read start is no state to resume from.
      if (follower?.position() !== undefined) await keeper?.close(view);
    },
  };
}

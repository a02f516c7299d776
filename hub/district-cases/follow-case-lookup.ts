import type { Logger } from 'pino';
import { followStore } from '../follow-store.js';
import type { Store } from '../store/store.js';
import { CaseLookup } from './case-lookup.js';

/**
 * A CaseLookup kept current from the store: every case at start (read by id prefix, never the
 * whole feed), then each new case from the feed — a case already taken is not fetched again
 * however often its events change, since its header cannot.
 */
export function followCaseLookup(
  store: Store,
  logger: Logger,
): { lookup: CaseLookup; ready: Promise<void>; stop(): void } {
  const lookup = new CaseLookup();
  const follower = followStore(store, 'case:', (doc) => lookup.take(doc), logger, { skip: (id) => lookup.has(id) });
  return { lookup, ready: follower.ready, stop: follower.stop };
}

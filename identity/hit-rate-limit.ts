import { HallnetError } from '../sync/index.js';
import type { IdentityStore } from './store/identity-store.js';

/**
 * Counts one request under `key` in a fixed window kept in the IdentityStore (so it holds across
 * instances); throws ERR_RATE_LIMITED, with the seconds to wait, past `limit` in the window.
 */
export async function hitRateLimit(
  store: IdentityStore,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<void> {
  const t = now.getTime();
  const c = await store.bump(`rate:${key}`, t, windowMs);
  if (c.count > limit) {
    throw new HallnetError('ERR_RATE_LIMITED', `more than ${limit} requests in ${windowMs / 1000} s`, {
      detail: { retryAfterSeconds: Math.max(1, Math.ceil((c.windowStart + windowMs - t) / 1000)) },
    });
  }
}

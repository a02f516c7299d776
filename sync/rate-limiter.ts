import { HallnetError } from './errors.js';

/**
 * A fixed-window counter per key (a caller's address, a query code, a node): enough to stop a
 * script walking the query-code space, kept in the process's memory, so a node's limits work offline.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => Date,
  ) {}

  /** Counts one request for `key`; throws ERR_RATE_LIMITED past the limit. */
  hit(key: string): void {
    const now = this.clock().getTime();
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.sweep(now);
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    w.count += 1;
    if (w.count > this.limit) {
      throw new HallnetError('ERR_RATE_LIMITED', `more than ${this.limit} requests in ${this.windowMs / 1000}s`, {
        detail: { retryAfterSeconds: Math.ceil((w.start + this.windowMs - now) / 1000) },
      });
    }
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/** A live replication's wait before it tries the hub again, and its return to short waits once the hub answers. */
export interface RetryDelay {
  /** The next wait, in ms. */
  next(): number;
  /** The hub answered: the next failure starts from the shortest wait again. */
  reset(): void;
}

/**
 * Waits that double from `firstMs` up to `maxMs`, each shortened at random by up to half so a
 * district's halls do not all come back in the same instant. The cap is low on purpose: a node
 * must see a returning hub within about a second, and an attempt against a hub that is down costs
 * a refused connection.
 */
export function retryDelay(firstMs = 250, maxMs = 1000): RetryDelay {
  let failures = 0;
  return {
    next() {
      const full = Math.min(maxMs, firstMs * 2 ** failures);
      failures = Math.min(failures + 1, 30);
      return Math.round(full * (0.5 + Math.random() / 2));
    },
    reset() {
      failures = 0;
    },
  };
}

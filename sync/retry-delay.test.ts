import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.js';

describe('retryDelay', () => {
  it('doubles from the first wait to the cap, jittered down by at most half, and never passes the cap', () => {
    const d = retryDelay(250, 1000);
    const waits = Array.from({ length: 50 }, () => d.next());
    const full = [250, 500, 1000, ...Array(47).fill(1000)];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(full[i] / 2);
      expect(w).toBeLessThanOrEqual(full[i]);
    });
  });

  it('starts again from the first wait after a success', () => {
    const d = retryDelay(250, 1000);
    for (let i = 0; i < 10; i++) d.next();
    d.reset();
    expect(d.next()).toBeLessThanOrEqual(250);
  });
});

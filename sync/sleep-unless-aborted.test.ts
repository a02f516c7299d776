import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleepUnlessAborted } from './sleep-unless-aborted.js';

describe('sleepUnlessAborted', () => {
  it('leaves no listener on the signal after waits that ran out, and ends at once on abort', async () => {
    const stop = new AbortController();
    for (let i = 0; i < 12; i++) await sleepUnlessAborted(1, stop.signal);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    const started = Date.now();
    const long = sleepUnlessAborted(60_000, stop.signal);
    stop.abort();
    await long;
    expect(Date.now() - started).toBeLessThan(1_000);
    await sleepUnlessAborted(60_000, stop.signal);
  });
});

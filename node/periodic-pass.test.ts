import { describe, expect, it } from 'vitest';
import { PeriodicPass } from './periodic-pass.js';

describe('PeriodicPass', () => {
  it('reports a failed pass and runs again at the next tick, never rejecting into the process', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const unhandled: unknown[] = [];
    const onUnhandled = (r: unknown) => unhandled.push(r);
    process.on('unhandledRejection', onUnhandled);
    const periodic = new PeriodicPass(
      20,
      async () => {
        runs++;
        if (runs <= 2) throw new Error(`pass ${runs} failed`);
      },
      (err) => errors.push(err),
    );
    periodic.start();
    while (runs < 4) await new Promise((r) => setTimeout(r, 10));
    await periodic.stop();
    process.off('unhandledRejection', onUnhandled);
    expect(errors.map((e) => (e as Error).message)).toEqual(['pass 1 failed', 'pass 2 failed']);
    expect(unhandled).toEqual([]);
  });

  it('hands a caller who waits on one pass its failure', async () => {
    const periodic = new PeriodicPass(
      60_000,
      async () => Promise.reject(new Error('no disk')),
      () => undefined,
    );
    await expect(periodic.runOnce()).rejects.toThrow('no disk');
    await periodic.stop();
  });
});

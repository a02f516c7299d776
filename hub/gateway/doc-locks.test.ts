import { describe, expect, it } from 'vitest';
import { DocLocks } from './doc-locks.js';

/** A task that records its start and end around a wait the test releases. */
function task(log: string[], name: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  return {
    release,
    run: async () => {
      log.push(`${name} start`);
      await gate;
      log.push(`${name} end`);
      return name;
    },
  };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('DocLocks', () => {
  it('runs requests naming a common id one after another, in the order they came, and others beside them', async () => {
    const locks = new DocLocks();
    const log: string[] = [];
    const [a, b, c] = [task(log, 'a'), task(log, 'b'), task(log, 'c')];
    const ran = [locks.run(['x', 'y'], a.run), locks.run(['y'], b.run), locks.run(['z'], c.run)];
    await turn();
    expect(log).toEqual(['a start', 'c start']);
    b.release();
    c.release();
    await turn();
    expect(log).toEqual(['a start', 'c start', 'c end']);
    a.release();
    expect(await Promise.all(ran)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'c start', 'c end', 'a end', 'b start', 'b end']);
  });

  it('lets the next request run when one fails, and forgets ids nobody holds', async () => {
    const locks = new DocLocks();
    const failed = locks.run(['x'], async () => {
      throw new Error('refused');
    });
    const next = locks.run(['x', 'x'], async () => 'next');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('next');
    expect((locks as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});

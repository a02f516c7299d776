import { describe, expect, it } from 'vitest';
import { SignatureMemo } from './signature-memo.js';

/** A verification that counts how often it is asked and answers `answer`. */
function counted(answer: boolean) {
  const calls = { n: 0 };
  return { calls, verify: () => (calls.n++, answer) };
}

describe('SignatureMemo', () => {
  it('answers a signature it made without verifying it again', () => {
    const memo = new SignatureMemo();
    memo.remember('k1', 'bytes', 'sig');
    const v = counted(false);
    expect(memo.verified('k1', 'bytes', 'sig', v.verify)).toBe(true);
    expect(v.calls.n).toBe(0);
  });

  it('verifies afresh when the bytes, the signature or the key id differ from what it holds', () => {
    const memo = new SignatureMemo();
    memo.remember('k1', 'bytes', 'sig');
    for (const [kid, input, sig] of [
      ['k1', 'bytes!', 'sig'],
      ['k1', 'bytes', 'sig2'],
      ['k2', 'bytes', 'sig'],
      // The fields cannot run into each other: "k" + "1bytes" is not "k1" + "bytes".
      ['k', 'bytes', 'sig'],
      ['k1', 'ytes', 'sigb'],
    ] as const) {
      const v = counted(false);
      expect(memo.verified(kid, input, sig, v.verify)).toBe(false);
      expect(v.calls.n).toBe(1);
    }
  });

  it('remembers what verified and never what failed', () => {
    const memo = new SignatureMemo();
    const bad = counted(false);
    expect(memo.verified('k1', 'a', 's', bad.verify)).toBe(false);
    expect(memo.verified('k1', 'a', 's', bad.verify)).toBe(false);
    expect(bad.calls.n).toBe(2);
    const good = counted(true);
    expect(memo.verified('k1', 'b', 's', good.verify)).toBe(true);
    expect(memo.verified('k1', 'b', 's', good.verify)).toBe(true);
    expect(good.calls.n).toBe(1);
  });

  it('holds at most its capacity, forgetting the least recently used first', () => {
    const memo = new SignatureMemo(2);
    memo.remember('k', 'a', 's');
    memo.remember('k', 'b', 's');
    // Asking for "a" makes "b" the least recently used.
    expect(memo.verified('k', 'a', 's', () => false)).toBe(true);
    memo.remember('k', 'c', 's');
    expect(memo.size).toBe(2);
    expect(memo.verified('k', 'b', 's', () => false)).toBe(false);
    expect(memo.verified('k', 'a', 's', () => false)).toBe(true);
    expect(memo.verified('k', 'c', 's', () => false)).toBe(true);
  });
});

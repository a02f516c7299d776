import { describe, expect, it } from 'vitest';
import { parseQueryCode } from '../../sync/index.js';
import { makeQueryCode } from './query-code.js';

describe('makeQueryCode', () => {
  it('makes 11-character codes that parse back, with no two alike in 10,000', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const code = makeQueryCode();
      expect(code).toMatch(/^[0-9A-Z]{11}$/);
      expect(parseQueryCode(code)).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBe(10_000);
  });
});

import { describe, expect, it } from 'vitest';
import { checkCharacter, makeQueryCode, parseQueryCode } from './query-code.js';

describe('query codes', () => {
  it('computes ISO 7064 MOD 37,36 check characters (published example)', () => {
    // ISO 7064 Annex: "A12425GABC1234002" has check character M under MOD 37,36.
    expect(checkCharacter('A12425GABC1234002')).toBe('M');
  });

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

  it('accepts what a resident types with spaces, dashes and lower case', () => {
    const code = makeQueryCode();
    expect(parseQueryCode(`${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`)).toBe(code);
  });

  it('catches every single-character typo and adjacent swap', () => {
    const code = makeQueryCode();
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < code.length; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        expect(parseQueryCode(code.slice(0, i) + ch + code.slice(i + 1))).toBeNull();
      }
    }
    for (let i = 0; i + 1 < code.length; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(parseQueryCode(swapped)).toBeNull();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkCharacter, parseQueryCode } from './query-code.js';

// A valid code to spoil: ten characters and their check character.
const valid = (body = 'K7M2P9Q4RT') => body + checkCharacter(body);

describe('query codes', () => {
  it('computes ISO 7064 MOD 37,36 check characters (published example)', () => {
    // ISO 7064 Annex: "A12425GABC1234002" has check character M under MOD 37,36.
    expect(checkCharacter('A12425GABC1234002')).toBe('M');
  });

  it('accepts what a resident types with spaces, dashes and lower case', () => {
    const code = valid();
    expect(parseQueryCode(`${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`)).toBe(code);
  });

  it('catches every single-character typo and adjacent swap', () => {
    const code = valid();
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

import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Characters a resident reading the code aloud or typing it would confuse are never drawn.
const DRAW = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BODY_LENGTH = 10;

/** ISO 7064 MOD 37,36 (GB/T 17710) check character over 0-9A-Z. */
export function checkCharacter(body: string): string {
  const m = 36;
  let p = m;
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new TypeError(`not a code character: ${ch}`);
    let s = (p + v) % m;
    if (s === 0) s = m;
    p = (2 * s) % (m + 1);
  }
  return ALPHABET[(m + 1 - p) % m]!;
}

/** A fresh query code: ten random characters (~49 bits) and a check character. */
export function makeQueryCode(): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += DRAW[randomInt(DRAW.length)];
  return body + checkCharacter(body);
}

/** Normalises what a resident typed (case, spaces, dashes) and checks its check character. */
export function parseQueryCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[0-9A-Z]{11}$/.test(code)) return null;
  return checkCharacter(code.slice(0, -1)) === code.slice(-1) ? code : null;
}

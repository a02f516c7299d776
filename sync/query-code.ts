import { z } from 'zod';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

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

/** Normalises what a resident typed (case, spaces, dashes) and checks its check character. */
export function parseQueryCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[0-9A-Z]{11}$/.test(code)) return null;
  return checkCharacter(code.slice(0, -1)) === code.slice(-1) ? code : null;
}

/** A query code (查询码) in any case, with or without dashes, normalised; the check character must hold. */
export const queryCodeSchema = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const code = parseQueryCode(s);
    if (code) return code;
    ctx.addIssue({ code: 'custom', message: 'not a valid query code (check character) / 查询码无效' });
    return z.NEVER;
  });

import { randomInt } from 'node:crypto';
import { z } from 'zod';

// Crockford's base32 without I, L, O and U, so an id read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The form of a ticket's or an appointment's id, as `randomId` makes it. */
export const queueIdSchema = z.string().regex(/^\d{8}-[0-9A-Z]{10}$/, 'not a ticket or appointment id / 编号无效');

/**
 * An unguessable id under a day prefix, `20261123-7KQ2M9XC4T`: 50 random bits, so holding the id
 * (from the slip or the SMS link) is what lets someone see or re-issue a ticket.
 */
export function randomId(day: string): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${day}-${s}`;
}

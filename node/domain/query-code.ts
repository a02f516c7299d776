import { randomInt } from 'node:crypto';
import { checkCharacter } from '../../sync/index.js';

// Characters a resident reading the code aloud or typing it would confuse are never drawn.
const DRAW = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BODY_LENGTH = 10;

/** A fresh query code: ten random characters (~49 bits) and a check character. */
export function makeQueryCode(): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += DRAW[randomInt(DRAW.length)];
  return body + checkCharacter(body);
}

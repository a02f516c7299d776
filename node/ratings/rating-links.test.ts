import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HallnetError } from '../../sync/index.js';
import { RatingLinks } from './rating-links.js';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const now = new Date('2026-11-05T02:00:00Z');
const exp = Math.floor(now.getTime() / 1000) + 600;
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as HallnetError).code;
  }
  return 'none';
};

describe('RatingLinks', () => {
  const links = new RatingLinks(pem());

  it('verifies its own token and gives back what it names', () => {
    const token = links.sign({ k: 'case', id: 'c1', via: 'sms', exp });
    expect(links.verify(token, now)).toMatchObject({ k: 'case', id: 'c1', via: 'sms', exp });
  });

  it('answers a tampered, foreign or made-up token exactly as a missing one, and an old one as expired', () => {
    const token = links.sign({ k: 'case', id: 'c1', via: 'sms', exp });
    const [body, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ k: 'case', id: 'c2', via: 'sms', exp, n: 'x' })).toString('base64url');
    expect(code(() => links.verify(`${other}.${mac}`, now))).toBe('ERR_NOT_FOUND');
    expect(code(() => new RatingLinks(pem()).verify(token, now))).toBe('ERR_NOT_FOUND');
    expect(code(() => links.verify(`${body}.AAAA`, now))).toBe('ERR_NOT_FOUND');
    expect(code(() => links.verify('nonsense', now))).toBe('ERR_NOT_FOUND');
    expect(code(() => links.verify(token, new Date((exp + 1) * 1000)))).toBe('ERR_RATING_LINK_EXPIRED');
  });
});

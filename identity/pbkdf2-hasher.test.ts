import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectCode } from './testing/identity-fixtures.js';
import { createPbkdf2Hasher, verifyPbkdf2 } from './pbkdf2-hasher.js';

describe('createPbkdf2Hasher', () => {
  const hasher = createPbkdf2Hasher();

  it('writes pbkdf2-sha256$310000$salt$hash, the key being PBKDF2-HMAC-SHA256 as node:crypto computes it', async () => {
    const v = await hasher.hash('市民-密码-123');
    const [scheme, iter, salt, hash] = v.split('$') as [string, string, string, string];
    expect(scheme).toBe('pbkdf2-sha256');
    expect(iter).toBe('310000');
    const expected = pbkdf2Sync(
      '市民-密码-123'.normalize('NFKC'),
      new Uint8Array(Buffer.from(salt, 'base64')),
      310_000,
      32,
      'sha256',
    );
    expect(hash).toBe(expected.toString('base64'));
  });

  it('verifies its own verifiers and refuses a wrong password', async () => {
    const v = await hasher.hash('市民-密码-123');
    expect(await hasher.verify('市民-密码-123', v)).toBe(true);
    expect(await hasher.verify('市民-密码-124', v)).toBe(false);
  });

  it('verifies with the count the verifier names, down to 100,000 (a Workers-capped verifier)', async () => {
    const salt = new Uint8Array(16).fill(7);
    const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
    const key = pbkdf2Sync('pw', salt, 100_000, 32, 'sha256');
    expect(await verifyPbkdf2('pw', `pbkdf2-sha256$100000$${b64(salt)}$${key.toString('base64')}`)).toBe(true);
    const weak = pbkdf2Sync('pw', salt, 1000, 32, 'sha256');
    expect(await verifyPbkdf2('pw', `pbkdf2-sha256$1000$${b64(salt)}$${weak.toString('base64')}`)).toBe(false);
  });

  it('answers false for malformed verifiers and other schemes', async () => {
    for (const v of [
      '',
      'pbkdf2-sha256$310000$$',
      'pbkdf2-sha256$99999999$AAAA$AAAA',
      'pbkdf2-sha256$310000$***$AAAA',
      'scrypt$32768$8$1$AAAA$AAAA',
    ]) {
      expect(await hasher.verify('x', v)).toBe(false);
    }
  });

  it('refuses fewer than 310,000 iterations when built', async () => {
    await expectCode(() => createPbkdf2Hasher({ iterations: 100_000 }), 'ERR_CONFIG');
  });
});

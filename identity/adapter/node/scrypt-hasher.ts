import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { verifyPbkdf2 } from '../../pbkdf2-hasher.js';
import type { PasswordHasher } from '../../password-hasher.js';

// N=2^15, r=8 costs ~32 MiB and ~50 ms: slow enough for guessing, quick enough for a window login.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Uint8Array<ArrayBuffer>, key: number, opts: ScryptOptions): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, key, opts, (err, out) => (err ? reject(err) : resolve(new Uint8Array(out))));
  });
}

const memoryFor = (n: number, r: number, p: number) => 128 * n * r * p + 128 * r * p + 16 * 1024 * 1024;

/** Checks a `scrypt$N$r$p$salt$hash` verifier with the parameters it names, within sane bounds. */
async function verifyScrypt(password: string, verifier: string): Promise<boolean> {
  const parts = verifier.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Power of two up to 2^17, r ≤ 16, p ≤ 4: what a verifier of ours can hold, no more.
  if (!Number.isInteger(n) || n < 2 || n > 1 << 17 || (n & (n - 1)) !== 0) return false;
  if (!Number.isInteger(r) || r < 1 || r > 16 || !Number.isInteger(p) || p < 1 || p > 4) return false;
  const salt = new Uint8Array(Buffer.from(parts[4]!, 'base64'));
  const expected = new Uint8Array(Buffer.from(parts[5]!, 'base64'));
  if (salt.length < 8 || expected.length < 16 || expected.length > 64) return false;
  const key = await derive(password, salt, expected.length, { N: n, r, p, maxmem: memoryFor(n, r, p) });
  return timingSafeEqual(key, expected);
}

/**
 * scrypt from node:crypto (memory-hard, 32 MiB a hash), verifiers `scrypt$N$r$p$salt$hash` in
 * the very format the hall node checks offline. It also checks `pbkdf2-sha256$…` verifiers made
 * where scrypt is missing. Node only.
 */
export function createScryptHasher(): PasswordHasher {
  return {
    async hash(password) {
      const salt = new Uint8Array(randomBytes(SALT_BYTES));
      const key = await derive(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: memoryFor(N, R, P) });
      return ['scrypt', N, R, P, Buffer.from(salt).toString('base64'), Buffer.from(key).toString('base64')].join('$');
    },
    async verify(password, verifier) {
      if (verifier.startsWith('pbkdf2-sha256$')) return verifyPbkdf2(password, verifier);
      return verifyScrypt(password, verifier);
    },
  };
}

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import {
  formatScryptVerifier,
  parseScryptVerifier,
  SCRYPT_COST,
  SCRYPT_KEY_LENGTH,
  SCRYPT_SALT_BYTES,
} from '../../lib/scrypt-verifier.js';
import { verifyPbkdf2 } from '../../pbkdf2-hasher.js';
import type { PasswordHasher } from '../../password-hasher.js';

function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  key: number,
  opts: ScryptOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, key, opts, (err, out) =>
      err ? reject(err) : resolve(new Uint8Array(out)),
    );
  });
}

const memoryFor = (n: number, r: number, p: number) => 128 * n * r * p + 128 * r * p + 16 * 1024 * 1024;

/** Checks a `scrypt$N$r$p$salt$hash` verifier with the parameters it names, within sane bounds. */
async function verifyScrypt(password: string, verifier: string): Promise<boolean> {
  const v = parseScryptVerifier(verifier);
  if (!v) return false;
  const key = await derive(password, v.salt, v.hash.length, {
    N: v.N,
    r: v.r,
    p: v.p,
    maxmem: memoryFor(v.N, v.r, v.p),
  });
  return timingSafeEqual(key, v.hash);
}

/**
 * scrypt from node:crypto (memory-hard, 32 MiB a hash), verifiers `scrypt$N$r$p$salt$hash` in
 * the very format the hall node checks offline and the Workers build writes (noble-scrypt-hasher.ts).
 * It also checks `pbkdf2-sha256$…` verifiers made where scrypt is missing. Node only.
 */
export function createScryptHasher(): PasswordHasher {
  const { N, r, p } = SCRYPT_COST;
  return {
    async hash(password) {
      const salt = new Uint8Array(randomBytes(SCRYPT_SALT_BYTES));
      const hash = await derive(password, salt, SCRYPT_KEY_LENGTH, { N, r, p, maxmem: memoryFor(N, r, p) });
      return formatScryptVerifier({ N, r, p, salt, hash });
    },
    async verify(password, verifier) {
      if (verifier.startsWith('pbkdf2-sha256$')) return verifyPbkdf2(password, verifier);
      return verifyScrypt(password, verifier);
    },
  };
}

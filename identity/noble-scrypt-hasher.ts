import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual } from './lib/bytes.js';
import {
  formatScryptVerifier,
  parseScryptVerifier,
  SCRYPT_COST,
  SCRYPT_KEY_LENGTH,
  SCRYPT_SALT_BYTES,
} from './lib/scrypt-verifier.js';
import type { PasswordHasher } from './password-hasher.js';
import { verifyPbkdf2, webCryptoPbkdf2 } from './pbkdf2-hasher.js';

// Workers' Web Crypto refuses PBKDF2 above this count; higher ones are derived in JavaScript.
const WORKERS_PBKDF2_MAX = 100_000;

function derive(password: string, salt: Uint8Array, N: number, r: number, p: number, dkLen: number): Uint8Array {
  // Synchronous on purpose: the async variant yields mid-hash, so an isolate serving many logins
  // at once would hold 32 MiB per login and meet Workers' 128 MB limit; this way it holds one.
  return scrypt(password.normalize('NFKC'), salt, {
    N,
    r,
    p,
    dkLen,
    maxmem: 128 * N * r * p + 1024 * r * p + 1024 * 1024,
  });
}

/**
 * scrypt in pure JavaScript (@noble/hashes) for runtimes whose Web Crypto has none, i.e. Workers:
 * the same cost and the same `scrypt$N$r$p$salt$hash` verifiers as the Node hasher
 * (adapter/node/scrypt-hasher.ts), so the hub, the nodes and the Worker check each other's
 * verifiers. About 1.6× the time of node:crypto's scrypt; it also checks `pbkdf2-sha256$…` verifiers.
 */
export function createNobleScryptHasher(): PasswordHasher {
  const { N, r, p } = SCRYPT_COST;
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SCRYPT_SALT_BYTES));
      const hash = new Uint8Array(derive(password, salt, N, r, p, SCRYPT_KEY_LENGTH));
      return formatScryptVerifier({ N, r, p, salt, hash });
    },
    async verify(password, verifier) {
      if (verifier.startsWith('pbkdf2-sha256$')) {
        return verifyPbkdf2(password, verifier, (pw, salt, c) =>
          c <= WORKERS_PBKDF2_MAX
            ? webCryptoPbkdf2(pw, salt, c)
            : pbkdf2Async(sha256, pw.normalize('NFKC'), salt, { c, dkLen: 32 }),
        );
      }
      const v = parseScryptVerifier(verifier);
      if (!v) return false;
      return constantTimeEqual(derive(password, v.salt, v.N, v.r, v.p, v.hash.length), v.hash);
    },
  };
}

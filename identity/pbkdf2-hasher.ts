import { HallnetError } from '../sync/index.js';
import { constantTimeEqual, fromBase64, toBase64 } from './lib/bytes.js';
import type { PasswordHasher } from './password-hasher.js';

/** OWASP's floor for PBKDF2-HMAC-SHA256 when this was written. */
export const PBKDF2_MIN_ITERATIONS = 310_000;
// Verifiers are read back from the store; a count far above ours would only burn CPU.
const VERIFY_MAX_ITERATIONS = 5_000_000;
// Lower counts are still checked, so verifiers made under a runtime cap keep working.
const VERIFY_MIN_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;

/** PBKDF2-HMAC-SHA256 of the NFKC password: 32 bytes. */
export type Pbkdf2Derive = (password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) => Promise<Uint8Array>;

/** Pbkdf2Derive on Web Crypto. */
export async function webCryptoPbkdf2(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, KEY_BITS),
  );
}

/**
 * Checks a `pbkdf2-sha256$iter$salt$hash` verifier; false for any other string. `using` replaces
 * Web Crypto where it cannot do the count (Workers stops at 100,000 iterations).
 */
export async function verifyPbkdf2(
  password: string,
  verifier: string,
  using: Pbkdf2Derive = webCryptoPbkdf2,
): Promise<boolean> {
  const parts = verifier.split('$');
  if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256' || !/^\d{1,8}$/.test(parts[1]!)) return false;
  const iterations = Number(parts[1]);
  if (iterations < VERIFY_MIN_ITERATIONS || iterations > VERIFY_MAX_ITERATIONS) return false;
  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = fromBase64(parts[2]!);
    expected = fromBase64(parts[3]!);
  } catch {
    return false;
  }
  if (salt.length < 16 || expected.length !== KEY_BITS / 8) return false;
  return constantTimeEqual(await using(password, salt, iterations), expected);
}

/**
 * PBKDF2-HMAC-SHA256 on Web Crypto, verifiers `pbkdf2-sha256$iter$salt$hash` (base64). For runtimes
 * without scrypt; needs at least 310,000 iterations.
 */
export function createPbkdf2Hasher(opts: { iterations?: number } = {}): PasswordHasher {
  const iterations = opts.iterations ?? PBKDF2_MIN_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < PBKDF2_MIN_ITERATIONS || iterations > VERIFY_MAX_ITERATIONS) {
    throw new HallnetError(
      'ERR_CONFIG',
      `PBKDF2 iterations must be an integer from ${PBKDF2_MIN_ITERATIONS} to ${VERIFY_MAX_ITERATIONS}`,
    );
  }
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      const key = await webCryptoPbkdf2(password, salt, iterations);
      return ['pbkdf2-sha256', iterations, toBase64(salt), toBase64(key)].join('$');
    },
    verify: (password, verifier) => verifyPbkdf2(password, verifier),
  };
}

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// N=2^15, r=8 costs ~32 MiB and ~50 ms: slow enough for guessing, quick enough for a window login.
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, PARAMS, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))));
  });
}

/** A password verifier: `scrypt$N$r$p$salt$hash`, with its own random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = new Uint8Array(randomBytes(16));
  const key = await derive(password, salt);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, Buffer.from(salt).toString('base64'), Buffer.from(key).toString('base64')].join('$');
}

/** Checks a password against a verifier in constant time. */
export async function verifyPassword(password: string, verifier: string): Promise<boolean> {
  const [scheme, , , , salt, hash] = verifier.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = new Uint8Array(Buffer.from(hash, 'base64'));
  const key = await derive(password, new Uint8Array(Buffer.from(salt, 'base64')));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

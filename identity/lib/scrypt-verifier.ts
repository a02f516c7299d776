import { fromBase64, toBase64 } from './bytes.js';

// One verifier format for every scrypt in hallnet (node:crypto on the hub and nodes, pure JS on
// Workers), so a verifier written by either is checked by the other.

/** The cost every new verifier is made with: N=2^15, r=8, p=1 is ~32 MiB and ~50-110 ms a hash. */
export const SCRYPT_COST = { N: 1 << 15, r: 8, p: 1 } as const;
/** Bytes of derived key in new verifiers. */
export const SCRYPT_KEY_LENGTH = 32;
/** Bytes of salt in new verifiers. */
export const SCRYPT_SALT_BYTES = 16;

/** A parsed `scrypt$N$r$p$salt$hash` verifier. */
export interface ScryptVerifier {
  N: number;
  r: number;
  p: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

/** Writes `scrypt$N$r$p$salt$hash`, salt and hash in standard base64. */
export function formatScryptVerifier(v: ScryptVerifier): string {
  return ['scrypt', v.N, v.r, v.p, toBase64(v.salt), toBase64(v.hash)].join('$');
}

/**
 * Reads a verifier, or undefined when it is malformed or names a cost outside what a verifier of
 * ours can hold (N a power of two up to 2^17, r ≤ 16, p ≤ 4): verifiers come back from storage,
 * and an outlandish cost would only burn CPU and memory.
 */
export function parseScryptVerifier(verifier: string): ScryptVerifier | undefined {
  const parts = verifier.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!Number.isInteger(N) || N < 2 || N > 1 << 17 || (N & (N - 1)) !== 0) return undefined;
  if (!Number.isInteger(r) || r < 1 || r > 16 || !Number.isInteger(p) || p < 1 || p > 4) return undefined;
  let salt: Uint8Array<ArrayBuffer>;
  let hash: Uint8Array<ArrayBuffer>;
  try {
    salt = fromBase64(parts[4]!);
    hash = fromBase64(parts[5]!);
  } catch {
    return undefined;
  }
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { N, r, p, salt, hash };
}

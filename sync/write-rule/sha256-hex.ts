import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

// Below this size the digest is computed here, synchronously (a few µs for an ID or a JWS): Web
// Crypto hands every digest to libuv's thread pool, where it waits behind LevelDB's fsyncs (77 µs a
// short string, measured). A file's bytes still go there, off the event loop (noble: ~15 ms a MB).
const INLINE_BYTES = 64 * 1024;

/** SHA-256 of a UTF-8 string or bytes, lowercase hex; Web-standard only (the rule also runs where node:crypto does not). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (bytes.byteLength <= INLINE_BYTES) return bytesToHex(sha256(bytes));
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return bytesToHex(new Uint8Array(digest));
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * Batch signing: many inputs under one RSA signature. The signer signs the root of a Merkle tree
 * over the inputs, and each input's signature is that root signature with the input's salt and
 * its path up to the root, written `b1.<root signature>.<salt>.<l|r><sibling>…` (base64url; `l`
 * when the sibling is on the left). One RSA operation per batch instead of one per input, for the
 * node that signs and for everyone who verifies (a verified root is remembered). A batch of one
 * is signed plainly.
 * - Each leaf is salted with 16 random bytes that only its own signature carries: a path shows
 *   other documents' hashes, and an unsalted hash of a resident's record could be confirmed by
 *   guessing its fields.
 * - Leaves and inner nodes are hashed apart (0x00 and 0x01 first, as RFC 6962 does), so no inner
 *   node passes for an input, and the root is signed as a message no input can be: inputs are
 *   canonical JSON.
 */

/** The most inputs under one root: a path of at most 8 steps. */
export const MAX_BATCH = 256;
/** The longest path a signature may carry (as `signatureSchema` admits): room for far more than `MAX_BATCH`. */
const MAX_PATH = 16;

const PREFIX = 'b1.';

/** One input's share of a batch: its salt and the siblings on its way up to the root. */
export interface BatchShare {
  salt: string;
  path: string[];
}

/** The tree over `inputs`: the message whose signature covers them all, and each input's share. */
export function batchTree(inputs: readonly string[]): { message: string; shares: BatchShare[] } {
  if (inputs.length === 0 || inputs.length > MAX_BATCH) throw new Error(`a batch holds 1 to ${MAX_BATCH} inputs`);
  const shares = inputs.map((): BatchShare => ({ salt: randomBytes(16).toString('base64url'), path: [] }));
  let level = inputs.map((input, i) => leafHash(shares[i]!.salt, input));
  const at = inputs.map((_, i) => i);
  while (level.length > 1) {
    for (let i = 0; i < inputs.length; i++) {
      const p = at[i]!;
      // An odd node out at the end of a level rises unchanged: its path has no step here.
      if (p % 2 === 1) shares[i]!.path.push(`l${base64url(level[p - 1]!)}`);
      else if (p + 1 < level.length) shares[i]!.path.push(`r${base64url(level[p + 1]!)}`);
      at[i] = p >> 1;
    }
    const next: Uint8Array[] = [];
    for (let p = 0; p < level.length; p += 2)
      next.push(p + 1 < level.length ? nodeHash(level[p]!, level[p + 1]!) : level[p]!);
    level = next;
  }
  return { message: rootMessage(level[0]!), shares };
}

/** One input's signature out of its batch's root signature and its share. */
export function batchSignature(rootSig: string, share: BatchShare): string {
  return [PREFIX + rootSig, share.salt, ...share.path].join('.');
}

/** The root signature and the share of a batch signature; undefined for a plain one or one not well formed. */
export function parseBatchSignature(sig: string): ({ rootSig: string } & BatchShare) | undefined {
  if (!sig.startsWith(PREFIX)) return undefined;
  const [rootSig, salt, ...path] = sig.slice(PREFIX.length).split('.');
  if (!rootSig || !salt || !/^[A-Za-z0-9_-]{22}$/.test(salt)) return undefined;
  if (path.length === 0 || path.length > MAX_PATH || !path.every((step) => /^[lr][A-Za-z0-9_-]{43}$/.test(step)))
    return undefined;
  return { rootSig, salt, path };
}

/** The message the root signature must cover if `input` is in the batch `share` leads up from. */
export function rootMessageOf(input: string, share: BatchShare): string {
  let hash = leafHash(share.salt, input);
  for (const step of share.path) {
    const sibling = new Uint8Array(Buffer.from(step.slice(1), 'base64url'));
    hash = step[0] === 'l' ? nodeHash(sibling, hash) : nodeHash(hash, sibling);
  }
  return rootMessage(hash);
}

function leafHash(salt: string, input: string): Uint8Array {
  return new Uint8Array(
    createHash('sha256')
      .update(new Uint8Array([0]))
      .update(salt)
      .update(input)
      .digest(),
  );
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash('sha256')
      .update(new Uint8Array([1]))
      .update(left)
      .update(right)
      .digest(),
  );
}

function base64url(hash: Uint8Array): string {
  return Buffer.from(hash).toString('base64url');
}

function rootMessage(root: Uint8Array): string {
  return `hallnet-batch-v1:${Buffer.from(root).toString('hex')}`;
}

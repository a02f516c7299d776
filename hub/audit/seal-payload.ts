import { canonicalJson } from '../../sync/index.js';

/** The bytes a seal's signature covers: the seal entry, chain fields included, without `signature` and `hash`. */
export function sealPayload(seal: Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ ...seal, signature: undefined, hash: undefined }));
}

import { createHash } from 'node:crypto';
import { canonicalJson } from '../../sync/index.js';

/** The `prev` of a log's first entry. */
export const GENESIS_PREV = '0'.repeat(64);

/** An entry's `hash`: sha256 of its canonical JSON without the `hash` itself, so `prev` chains every entry to the one before. */
export function entryHash(entry: Record<string, unknown>): string {
  return createHash('sha256')
    .update(canonicalJson({ ...entry, hash: undefined }))
    .digest('hex');
}

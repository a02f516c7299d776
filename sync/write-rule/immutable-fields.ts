import { canonicalJson } from '../canonical-json.js';

/** Fields every revision may change: the store's, the writer's signature and the envelope's who-and-when. */
const CHANGEABLE = new Set(['_rev', '_revisions', '_attachments', '_conflicts', 'proof', 'author', 'at']);

/** The first field (beyond `changeable` and the store's own) in which `next` differs from `current`. */
export function changedField(
  current: Record<string, unknown>,
  next: Record<string, unknown>,
  changeable: readonly string[] = [],
): string | undefined {
  const skip = new Set([...CHANGEABLE, ...changeable]);
  for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
    if (skip.has(key)) continue;
    if (canonicalJson(current[key] ?? null) !== canonicalJson(next[key] ?? null)) return key;
  }
  return undefined;
}

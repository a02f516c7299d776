/** Object keys as JSON strings: a district's documents use a few hundred field names, signed over and over. */
const QUOTED_KEYS = new Map<string, string>();
/** Bounds the cache whatever keys a document brings. */
const MAX_QUOTED_KEYS = 4_096;

/**
 * JSON with object keys sorted at every depth and `undefined` members left out: the one byte form
 * that signatures and digests are taken over, so a document that travels through PouchDB, CouchDB
 * and back (which may reorder keys) still verifies. Built by appending to one string: it runs
 * several times for every event a node signs or checks.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += `${i ? ',' : ''}${v === undefined ? 'null' : canonicalJson(v)}`;
    }
    return `${out}]`;
  }
  let out = '{';
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quotedKey(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

import { createHash } from 'node:crypto';
import { canonicalJson } from '../../sync/index.js';

// Fields that say where a revision sits or how it was read, not what it holds.
const NOT_CONTENT = new Set(['_rev', '_revisions', '_conflicts', '_deleted_conflicts', '_revs_info', '_local_seq']);

/**
 * The digest the audit log keeps of a revision: sha256 (hex) of the canonical JSON of its body,
 * without `_rev` and `_revisions`, attachments reduced to media type and the md5 digest CouchDB
 * and PouchDB keep of their bytes. The same revision gives the same digest as a node pushes it
 * (attachments inline) and as the store returns it (attachments as stubs).
 */
export function revisionDigest(doc: Record<string, unknown>): string {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!NOT_CONTENT.has(k)) body[k] = v;
  if (body._deleted === false) delete body._deleted;
  const atts = body._attachments;
  if (atts && typeof atts === 'object' && !Array.isArray(atts)) {
    body._attachments = Object.fromEntries(Object.entries(atts).map(([name, a]) => [name, attachmentFacts(a)]));
  }
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function attachmentFacts(a: unknown): unknown {
  if (!a || typeof a !== 'object') return a;
  const { content_type, data, digest } = a as { content_type?: unknown; data?: unknown; digest?: unknown };
  return {
    content_type,
    digest:
      typeof data === 'string'
        ? `md5-${createHash('md5')
            .update(new Uint8Array(Buffer.from(data, 'base64')))
            .digest('base64')}`
        : digest,
  };
}

import { HallnetError } from '../../sync/index.js';

/**
 * One percent-decoded segment of a request path (a document id, an attachment name, a `_local`
 * id). The gateway splits paths by hand, ids holding an encoded `/`, so it decodes them itself;
 * a malformed escape is the caller's mistake, ERR_VALIDATION (400), never a URIError's 500.
 */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (cause) {
    throw new HallnetError('ERR_VALIDATION', 'malformed percent-encoding in path', { cause });
  }
}

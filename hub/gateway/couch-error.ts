import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HallnetError, type ErrorCode } from '../../sync/index.js';

/** An error as the CouchDB protocol answers it. */
export interface CouchError {
  status: ContentfulStatusCode;
  body: { error: string; reason: string };
  headers?: Record<string, string>;
}

/**
 * PouchDB stops replicating for good on `unauthorized` and `forbidden`, and its checkpointer
 * gives up writing checkpoints on any 4xx. An expired token is neither final nor the node's
 * fault, so it is answered 503 `token_expired`: PouchDB backs off, retries, and the node's
 * `fetch` hook sends a fresh token.
 */
const byCode: Partial<Record<ErrorCode, Omit<CouchError, 'body'> & { error: string }>> = {
  ERR_TOKEN_EXPIRED: { status: 503, error: 'token_expired', headers: { 'retry-after': '1' } },
  ERR_UNAUTHENTICATED: { status: 401, error: 'unauthorized' },
  ERR_TOKEN_INVALID: { status: 401, error: 'unauthorized' },
  ERR_CERT_INVALID: { status: 401, error: 'unauthorized' },
  ERR_LOGIN_FAILED: { status: 401, error: 'unauthorized' },
  ERR_FORBIDDEN: { status: 403, error: 'forbidden' },
  ERR_SCOPE_FORBIDDEN: { status: 403, error: 'forbidden' },
  ERR_VALIDATION: { status: 400, error: 'bad_request' },
  ERR_MALFORMED_JSON: { status: 400, error: 'bad_request' },
  ERR_BODY_TOO_LARGE: { status: 413, error: 'too_large' },
  ERR_NOT_FOUND: { status: 404, error: 'not_found' },
  ERR_RATE_LIMITED: { status: 429, error: 'too_many_requests' },
};

/** Codes without an entry above keep their table status; these are CouchDB's names for them. */
const byStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  422: 'bad_request',
  429: 'too_many_requests',
};

/** Maps anything a handler threw to the CouchDB-style answer; internals never reach the body. */
export function couchError(err: unknown): CouchError {
  if (err instanceof HallnetError) {
    const m = byCode[err.code];
    if (m)
      return {
        status: m.status,
        body: { error: m.error, reason: err.message },
        ...(m.headers ? { headers: m.headers } : {}),
      };
    return fromStatus(err.status as ContentfulStatusCode, err.message);
  }
  if (err instanceof HTTPException) return fromStatus(err.status as ContentfulStatusCode, err.message);
  return fromStatus(500, '');
}

function fromStatus(status: ContentfulStatusCode, reason: string): CouchError {
  if (status >= 500) return { status, body: { error: 'internal_server_error', reason: 'internal error' } };
  return { status, body: { error: byStatus[status] ?? 'unknown_error', reason: reason || 'request refused' } };
}

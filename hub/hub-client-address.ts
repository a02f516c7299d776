import type { Context } from 'hono';
import { isIP } from 'node:net';
import { forwardedClientAddress } from '../identity/adapter/node/index.js';
import { RELAY_HEADERS } from '../identity/index.js';
import type { Authenticate } from './gateway/gateway-types.js';

/**
 * Whose address an identity request counts against at the hub. A hall node relaying a resident's
 * login sends its own hub token with the resident's address, and that address is believed once
 * the token verifies: so relayed logins are limited per resident address, not per hall, without
 * listing every hall as a proxy. Anything else counts against the socket's peer, or the
 * right-most untrusted `x-forwarded-for` value behind a trusted proxy (none by default).
 */
export function hubClientAddress(o: {
  trustedProxies: readonly string[];
  authenticateHall: Authenticate;
}): (c: Context) => Promise<string> {
  const forwarded = forwardedClientAddress(o.trustedProxies);
  return async function hubClientAddress(c) {
    const vouched = c.req.header(RELAY_HEADERS.clientAddress)?.trim();
    if (c.req.header(RELAY_HEADERS.hallToken) && vouched && isIP(vouched)) {
      try {
        await o.authenticateHall(c);
        return vouched;
      } catch {
        // A token that does not verify vouches for nothing.
      }
    }
    return forwarded(c);
  };
}

/** The request as the identity service is handed it: the client address the hub established, and no vouching headers as they came. */
export function withClientAddress(req: Request, address: string): Request {
  const headers = new Headers(req.headers);
  for (const h of Object.values(RELAY_HEADERS)) headers.delete(h);
  headers.set(RELAY_HEADERS.clientAddress, address);
  return new Request(req, { headers });
}

import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The caller's address as the socket saw it, for `clientAddress` on Node. Behind a load balancer
 * every caller would share its address: pass a function that reads the balancer's header instead.
 */
export function nodeClientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

/**
 * The caller's address when requests may come through trusted proxies (the hall nodes that relay
 * residents' logins to the hub): `x-forwarded-for` from a trusted peer, the socket's address otherwise.
 */
export function forwardedClientAddress(trusted: readonly string[]): (c: Context) => string {
  const trust = new Set(trusted);
  return function forwardedClientAddress(c) {
    const peer = nodeClientAddress(c);
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    return trust.has(peer) && forwarded ? forwarded : peer;
  };
}

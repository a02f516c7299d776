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

import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { BlockList, isIP } from 'node:net';

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

/** A list of addresses and CIDR ranges (`loopback` for 127.0.0.0/8 and ::1), as a matcher. */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => (e === 'loopback' ? ['127.0.0.0/8', '::1'] : [e]))) {
    const [address, bits] = unmap(entry).split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`not an address or range: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return (address) => {
    const mapped = unmap(address);
    const family = isIP(mapped);
    return family !== 0 && list.check(mapped, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as the IPv4 address it is. */
function unmap(address: string): string {
  const rest = address.slice(7).split('/')[0] ?? '';
  return address.toLowerCase().startsWith('::ffff:') && isIP(rest) === 4 ? address.slice(7) : address;
}

/**
 * The caller's address when requests may come through proxies (a load balancer in front of the
 * hub): the socket's peer if it is not a trusted proxy; otherwise `x-forwarded-for` read from the
 * right, skipping trusted proxies, and its first untrusted value. Values further left were written
 * by the caller himself and prove nothing. With no trusted proxies (the default) the header is
 * never read.
 */
export function forwardedClientAddress(trusted: readonly string[]): (c: Context) => string {
  const isTrusted = addressMatcher(trusted);
  return function forwardedClientAddress(c) {
    const peer = nodeClientAddress(c);
    if (!trusted.length || !isTrusted(peer)) return peer;
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i]!)) return hops[i]!;
    return hops[0] ?? peer;
  };
}

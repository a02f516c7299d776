import type { Context } from 'hono';
import { z } from 'zod';
import { addressMatcher } from './address-match.js';

/** Who may read a server's `/metrics`. */
export interface ScraperAccessOptions {
  /** Addresses, CIDR ranges or `loopback` admitted without a token. */
  allow: readonly string[];
  /** A bearer token admitted from any address; none unless set. */
  token?: string | undefined;
  /** The caller's address as the socket saw it. */
  clientAddress: (c: Context) => string;
}

/** Headers a proxy adds: a request carrying one came through something else and is not admitted by address. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/** The default scrapers: this machine only. */
export const DEFAULT_SCRAPERS = 'loopback';

/**
 * An environment variable listing scrapers, comma-separated: addresses, CIDR ranges and the word
 * `loopback`; an empty value admits none by address (the token only).
 */
export const scraperListSchema = z
  .string()
  .transform((text) => text.split(',').map((e) => e.trim()).filter(Boolean))
  .pipe(z.array(z.union([z.literal('loopback'), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: 'an address, a CIDR range or loopback' })));

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The rule for `/metrics` on every hallnet server: a request with `Authorization: Bearer <token>`
 * (when a token is configured) from anywhere, or a direct request from a listed address. A request
 * that carries forwarding headers is never admitted by address, so a proxy on the same machine
 * does not turn the whole network into "loopback".
 */
export function scraperAccess(opts: ScraperAccessOptions): (c: Context) => boolean {
  const listed = addressMatcher(opts.allow);
  const token = opts.token;
  return function mayScrape(c) {
    const auth = c.req.header('authorization');
    if (token && auth?.startsWith('Bearer ') && sameText(auth.slice(7).trim(), token)) return true;
    if (FORWARDING_HEADERS.some((h) => c.req.header(h) !== undefined)) return false;
    return listed(opts.clientAddress(c));
  };
}

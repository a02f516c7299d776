import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ipRestriction } from 'hono/ip-restriction';
import { z } from 'zod';

/** Who may read a server's `/metrics`. */
export interface ScraperAccessOptions {
  /** Addresses, CIDR ranges or `loopback` admitted without a token; none when empty. */
  allow: readonly string[];
  /** A bearer token admitted from any address; none unless set. */
  token?: string | undefined;
  /** The caller's address as the socket saw it. */
  clientAddress: (c: Context) => string;
}

/** What `loopback` stands for in an address list (IPv4-mapped forms such as `::ffff:127.0.0.1` match too). */
const LOOPBACK = ['127.0.0.0/8', '::1'];

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
  .transform((text) =>
    text
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.union([z.literal('loopback'), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
        error: 'an address, a CIDR range or loopback',
      }),
    ),
  );

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The rule for `/metrics` on every hallnet server: a request with `Authorization: Bearer <token>`
 * (when a token is configured) from anywhere, or a direct request from a listed address, as hono's
 * `ipRestriction` matches it. A request that carries forwarding headers is never admitted by
 * address, so a proxy on the same machine does not turn the whole network into "loopback".
 * Throws (from `ipRestriction`) on an entry it cannot read.
 */
export function scraperAccess(opts: ScraperAccessOptions): (c: Context) => Promise<boolean> {
  const allowList = opts.allow.flatMap((entry) => (entry === 'loopback' ? LOOPBACK : [entry]));
  // An empty allowList would make ipRestriction admit everyone: with no list, no one comes by address.
  const byAddress = allowList.length ? ipRestriction(opts.clientAddress, { allowList }) : undefined;
  const token = opts.token;
  return async function mayScrape(c) {
    const auth = c.req.header('authorization');
    if (token && auth?.startsWith('Bearer ') && sameText(auth.slice(7).trim(), token)) return true;
    if (FORWARDING_HEADERS.some((h) => c.req.header(h) !== undefined)) return false;
    // ipRestriction is middleware: it calls next for a listed address and throws a 403
    // HTTPException for any other (an unreadable one included).
    let listed = false;
    try {
      await byAddress?.(c, async () => {
        listed = true;
      });
    } catch (err) {
      if (!(err instanceof HTTPException)) throw err;
    }
    return listed;
  };
}

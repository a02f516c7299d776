import type { Context } from 'hono';
import { verifyNodeToken } from '../identity/index.js';
import { HUB_AUDIENCE, HallnetError } from '../sync/index.js';
import { signingKeyOf, type Authenticate, type NodeIdentity } from './gateway/gateway-types.js';

export interface NodeAuthenticatorOptions {
  /** The district root CA every node chain must end in. */
  rootPem: string;
  isRevoked: (serialHex: string) => boolean;
  clock: () => Date;
  maxSkewSeconds?: number;
  /** The header carrying the token: `authorization` (`Bearer <token>`, the default), or another that carries the token alone. */
  header?: string;
}

const MAX_CACHED = 10_000;

/**
 * Proves a caller is an enrolled node: a short RS256 token signed by the node's key, carrying its
 * chain to the district root. The node's organisation comes from its certificate alone.
 *
 * A node reuses one token for a couple of minutes across many replication requests, and checking
 * its chain costs milliseconds of RSA in JavaScript, so a verified token is remembered until it
 * expires; every use still checks that no certificate of its chain (the street CA that signed a
 * community too) has been revoked since.
 */
export function nodeAuthenticator(opts: NodeAuthenticatorOptions): Authenticate {
  const skew = opts.maxSkewSeconds ?? 30;
  const verified = new Map<string, { id: NodeIdentity; serials: string[]; until: number }>();
  const name = opts.header ?? 'authorization';
  return async function authenticateNode(c: Context) {
    const header = c.req.header(name);
    const bearer = name === 'authorization';
    if (!header || (bearer && !header.startsWith('Bearer ')))
      throw new HallnetError('ERR_UNAUTHENTICATED', 'a node token is required');
    const token = (bearer ? header.slice(7) : header).trim();
    const now = opts.clock().getTime();
    const hit = verified.get(token);
    if (hit && now < hit.until && !hit.serials.some(opts.isRevoked)) return hit.id;
    verified.delete(token);
    const id = await verifyNodeToken(token, {
      rootPem: opts.rootPem,
      audience: HUB_AUDIENCE,
      now: opts.clock(),
      maxSkewSeconds: skew,
      isRevoked: opts.isRevoked,
    });
    if (verified.size >= MAX_CACHED) verified.clear();
    const node: NodeIdentity = {
      org: id.org,
      node: id.fingerprint,
      serial: id.serial,
      chain: id.chain,
      key: signingKeyOf(id.chain[0]!),
    };
    verified.set(token, { id: node, serials: id.chainSerials, until: id.exp * 1000 });
    return node;
  };
}

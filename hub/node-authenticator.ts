import type { Context } from 'hono';
import { verifyNodeToken } from '../identity/index.js';
import { HUB_AUDIENCE, HallnetError } from '../sync/index.js';
import type { Authenticate } from './gateway/gateway-types.js';

export interface NodeAuthenticatorOptions {
  /** The district root CA every node chain must end in. */
  rootPem: string;
  isRevoked: (serialHex: string) => boolean;
  clock: () => Date;
  maxSkewSeconds?: number;
}

/**
 * Proves a caller is an enrolled node: a short RS256 token signed by the node's key, carrying its
 * chain to the district root. The node's organisation comes from its certificate alone.
 */
export function nodeAuthenticator(opts: NodeAuthenticatorOptions): Authenticate {
  return async function authenticateNode(c: Context) {
    const header = c.req.header('authorization');
    if (!header?.startsWith('Bearer ')) throw new HallnetError('ERR_UNAUTHENTICATED', 'a node token is required');
    const id = await verifyNodeToken(header.slice(7).trim(), {
      rootPem: opts.rootPem,
      audience: HUB_AUDIENCE,
      now: opts.clock(),
      maxSkewSeconds: opts.maxSkewSeconds ?? 30,
      isRevoked: opts.isRevoked,
    });
    return { org: id.org, node: id.fingerprint };
  };
}

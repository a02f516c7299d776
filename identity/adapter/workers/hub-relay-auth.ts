import type { Context } from 'hono';
import { HallnetError } from '../../../sync/index.js';
import { constantTimeEqual } from '../../lib/bytes.js';
import { RELAY_HEADERS } from '../../relay-headers.js';

/** `clientAddress` and `authorizeNode` of the identity app on Workers. */
export interface HubRelayAuth {
  clientAddress: (c: Context) => string;
  authorizeNode: ((c: Context) => string) | undefined;
}

/**
 * Who is calling the Worker: the address Cloudflare saw (`CF-Connecting-IP`, which callers cannot
 * set); for requests relayed by the district hub with the shared `relaySecret`, the address the hub
 * saw instead — else every resident logging in at a hall would share the hub's address and its rate
 * limit — and, for node endpoints, the organisation whose certificate the hub checked. The Worker
 * cannot check node certificates itself (node-forge is Node only), so without a relay secret it
 * takes no node calls.
 */
export function hubRelayAuth(relaySecret: string | undefined): HubRelayAuth {
  const relayed = (c: Context) => {
    const given = c.req.header(RELAY_HEADERS.secret);
    return relaySecret !== undefined && given !== undefined && constantTimeEqual(given, relaySecret);
  };
  const edgeAddress = (c: Context) => c.req.header('cf-connecting-ip') ?? 'unknown';
  return {
    clientAddress: function clientAddress(c) {
      return (relayed(c) && c.req.header(RELAY_HEADERS.clientAddress)?.trim()) || edgeAddress(c);
    },
    authorizeNode:
      relaySecret === undefined
        ? undefined
        : function authorizeNode(c) {
            if (!relayed(c))
              throw new HallnetError(
                'ERR_UNAUTHENTICATED',
                'node calls reach the identity service through the district hub',
              );
            const org = c.req.header(RELAY_HEADERS.nodeOrg);
            if (!org) throw new HallnetError('ERR_UNAUTHENTICATED', 'the hub named no node organisation');
            return org;
          },
  };
}

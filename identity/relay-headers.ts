/**
 * The headers of an identity request the district hub relays to an identity service running
 * elsewhere (a Worker): the shared relay secret proves the hub sent it, and only then are the
 * client's address (as the hub saw it) and, on `/identity/node-staff`, the node's organisation (as
 * the hub's certificate check established it) believed. The hub strips them from what it receives.
 */
export const RELAY_HEADERS = {
  secret: 'x-hallnet-relay-secret',
  clientAddress: 'x-hallnet-client-address',
  nodeOrg: 'x-hallnet-node-org',
  /**
   * From a hall node to the hub: the node's own hub token, vouching for the client address it puts
   * in `clientAddress` (the resident at its counter or kiosk). The hub believes that address only
   * when the token verifies, and never passes either header on as it came.
   */
  hallToken: 'x-hallnet-hall-token',
} as const;

/** The largest body the identity service takes (every identity body is a few short fields); its relays hold to it too. */
export const IDENTITY_MAX_BODY_BYTES = 16 * 1024;

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
} as const;

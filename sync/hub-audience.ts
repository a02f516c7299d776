/** The audience of node tokens: the district hub, whichever address a node reaches it at. */
export const HUB_AUDIENCE = 'hallnet-hub';

/** The `iss` of every node token, so it cannot be mistaken for a staff or resident token. */
export const NODE_TOKEN_ISSUER = 'hallnet-node';

/** The longest life a node token may have; a stolen token is worth little for long. */
export const MAX_TOKEN_TTL_SECONDS = 600;

// Two certificates of 2048-bit RSA come to about 3 KB; anything far beyond that is not ours.
export const MAX_TOKEN_LENGTH = 16_384;

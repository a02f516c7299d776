/** The `aud` of every access token: all of hallnet's nodes and the hub accept them. */
export const ACCESS_AUDIENCE = 'hallnet';

/** The header `typ` of access tokens (RFC 9068), so no other JWT of ours passes for one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** The `iss` of access tokens unless configured. */
export const DEFAULT_ISSUER = 'hallnet-identity';

/** Access tokens live ten minutes unless configured. */
export const DEFAULT_ACCESS_TTL_SECONDS = 600;

/** The longest an access token may live: it cannot be revoked before it expires. */
export const MAX_ACCESS_TTL_SECONDS = 3600;

/** Clock difference tolerated on exp, nbf and iat; halls' clocks drift. */
export const DEFAULT_MAX_SKEW_SECONDS = 60;

/** Longer strings are refused before parsing: an ES256 token with our claims is well under 1 KB. */
export const MAX_TOKEN_LENGTH = 8192;

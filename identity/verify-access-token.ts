import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { z } from 'zod';
import { HallnetError, orgPathSchema } from '../sync/index.js';
import { idNumberSchema, phoneSchema, realNameSchema } from './account-fields.js';
import {
  ACCESS_TOKEN_TYPE,
  DEFAULT_MAX_SKEW_SECONDS,
  MAX_ACCESS_TTL_SECONDS,
  MAX_TOKEN_LENGTH,
} from './lib/access-token-rules.js';
import { staffRoleSchema, type Principal } from './principal.js';

/** What an access token is checked against. */
export interface VerifyAccessTokenOptions {
  /** The identity service's published keys, e.g. from the replicated JWKS document. */
  jwks: JSONWebKeySet;
  /** The identity service's `iss`. */
  issuer: string;
  /** `hallnet` for every access token. */
  audience: string;
  now?: Date;
  /** Clock difference tolerated on exp, nbf and iat; default 60. */
  maxSkewSeconds?: number;
}

const claimsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    sub: z.string().regex(/^staff:[a-z0-9][a-z0-9._-]{1,59}$/),
    name: realNameSchema,
    org: orgPathSchema,
    roles: z.array(staffRoleSchema).min(1).max(10),
  }),
  z.object({
    kind: z.literal('resident'),
    sub: z.string().regex(/^resident:[A-Za-z0-9_-]{1,64}$/),
    name: realNameSchema,
    idNumber: idNumberSchema,
    phone: phoneSchema,
    // Tokens issued before the claim existed carry none: they count as unverified.
    idv: z.boolean().optional(),
  }),
]);

const keySets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();
const invalid = (reason: string, cause?: unknown) => new HallnetError('ERR_TOKEN_INVALID', reason, { cause });

/**
 * Verifies an access token offline against a JWKS and returns who it names: ES256 only, a kid
 * the JWKS holds, `typ` at+jwt, the issuer and audience, exp/nbf/iat within the skew and a
 * lifetime of at most an hour. Throws ERR_TOKEN_EXPIRED or ERR_TOKEN_INVALID.
 */
export async function verifyAccessToken(token: string, opts: VerifyAccessTokenOptions): Promise<Principal> {
  const skew = opts.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (!Number.isFinite(skew) || skew < 0 || skew > MAX_ACCESS_TTL_SECONDS) {
    throw new HallnetError('ERR_CONFIG', `maxSkewSeconds must be between 0 and ${MAX_ACCESS_TTL_SECONDS}`);
  }
  if (!opts.jwks || !Array.isArray(opts.jwks.keys))
    throw new HallnetError('ERR_CONFIG', 'jwks must be a JSON Web Key Set');
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid('not an access token');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    throw invalid('malformed token header', cause);
  }
  // Decided before any key is looked up, so "none" and HMAC keyed with a public key never reach a verifier.
  if (header.alg !== 'ES256') throw invalid(`algorithm ${String(header.alg)} not accepted`);
  if (typeof header.kid !== 'string' || header.kid === '') throw invalid('token names no key (kid)');

  let keySet = keySets.get(opts.jwks);
  if (!keySet) {
    keySet = createLocalJWKSet(opts.jwks);
    keySets.set(opts.jwks, keySet);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet, {
      algorithms: ['ES256'],
      typ: ACCESS_TOKEN_TYPE,
      issuer: opts.issuer,
      audience: opts.audience,
      currentDate: opts.now,
      clockTolerance: skew,
      // Makes iat required and refuses one in the future beyond the skew.
      maxTokenAge: MAX_ACCESS_TTL_SECONDS,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (cause) {
    if (cause instanceof errors.JWTExpired) throw new HallnetError('ERR_TOKEN_EXPIRED', cause.message, { cause });
    if (cause instanceof errors.JWKSNoMatchingKey) throw invalid(`unknown key ${header.kid}`, cause);
    throw invalid(cause instanceof Error ? cause.message : 'token does not verify', cause);
  }
  const { iat, exp } = payload as { iat: number; exp: number };
  if (exp - iat > MAX_ACCESS_TTL_SECONDS) throw invalid(`token lifetime exceeds ${MAX_ACCESS_TTL_SECONDS} s`);
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success)
    throw invalid(`claims: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const c = parsed.data;
  return c.kind === 'staff'
    ? { kind: 'staff', id: c.sub.slice('staff:'.length), name: c.name, org: c.org, roles: c.roles }
    : {
        kind: 'resident',
        id: c.sub.slice('resident:'.length),
        name: c.name,
        idNumber: c.idNumber,
        phone: c.phone,
        verified: c.idv === true,
      };
}

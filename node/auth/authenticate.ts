import { decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { ACCESS_AUDIENCE, verifyAccessToken, type Principal } from '../../identity/index.js';
import { HallnetError, type JwksDoc } from '../../sync/index.js';
import type { ReferenceData } from '../store/reference-data.js';
import type { StaffTokens } from './staff-token.js';

/** Turns a token into who is calling, or throws a 401-mapped HallnetError. */
export type Authenticate = (token: string) => Promise<Principal>;

/**
 * Who a bearer token names, checked offline: ES256 tokens of the identity service against the
 * replicated JWKS (residents and staff who logged in once for the whole district), RS256 tokens a
 * node signed for a clerk who logged in at it. Any other algorithm is refused before any key is
 * looked at, so `none` or HS256 made with a public key never get near a verifier.
 */
export function createAuthenticate(reference: ReferenceData, tokens: StaffTokens, clock: () => Date): Authenticate {
  // verifyAccessToken caches its key set per JWKS object: hand it the same object until the keys change.
  let keys: { doc: JwksDoc; set: JSONWebKeySet } | undefined;
  return async function authenticate(token) {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch (err) {
      throw new HallnetError('ERR_TOKEN_INVALID', 'not a token', { cause: err });
    }
    if (alg === 'RS256') return tokens.verify(token);
    if (alg !== 'ES256') throw new HallnetError('ERR_TOKEN_INVALID', `algorithm ${String(alg)} is not accepted`);
    const jwks = reference.jwks;
    if (!jwks) throw new HallnetError('ERR_TOKEN_INVALID', 'this node has not received the identity keys yet');
    if (keys?.doc !== jwks) keys = { doc: jwks, set: { keys: jwks.keys } };
    return verifyAccessToken(token, { jwks: keys.set, issuer: jwks.issuer, audience: ACCESS_AUDIENCE, now: clock() });
  };
}

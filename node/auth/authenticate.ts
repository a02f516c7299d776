import { decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { ACCESS_AUDIENCE, verifyAccessToken, type Principal } from '../../identity/index.js';
import { HallnetError, type JwksDoc } from '../../sync/index.js';
import type { ReferenceData } from '../store/reference-data.js';
import type { StaffTokens } from './staff-token.js';
import type { StaffVerifiers } from './staff-verifiers.js';

/** Turns a token into who is calling, or throws a 401-mapped HallnetError. */
export type Authenticate = (token: string) => Promise<Principal>;

/**
 * Who a bearer token names, checked offline: ES256 tokens of the identity service against the
 * replicated JWKS (residents and staff who logged in once for the whole district), RS256 tokens a
 * node signed for a clerk who logged in at it. Any other algorithm is refused before any key is
 * looked at, so `none` or HS256 made with a public key never get near a verifier. A token this
 * node signed for one of its own clerks stops working as soon as the clerk's verifier is
 * withdrawn (`own`); a token signed with an identity key the node has not received yet (keys
 * rotated centrally while it was cut off) is refused with a reason that says so. A member of
 * staff's token issued before his account was last disabled, moved, re-roled or reset is refused
 * wherever it comes from (`own.staff.voidedFrom`, learnt with the staff verifiers).
 */
export function createAuthenticate(
  reference: ReferenceData,
  tokens: StaffTokens,
  clock: () => Date,
  own?: { org: string; staff: StaffVerifiers },
): Authenticate {
  // verifyAccessToken caches its key set per JWKS object: hand it the same object until the keys change.
  let keys: { doc: JwksDoc; set: JSONWebKeySet } | undefined;
  let cityKeys: { doc: JwksDoc; set: JSONWebKeySet } | undefined;
  // An identity token's signature and claims are checked once (ECDSA through Web Crypto, a hop to
  // libuv's thread pool behind LevelDB's fsyncs); at each later use the key set it was checked
  // against must still be the one held (a rotation that withdraws or replaces its key ends it), it
  // must not have expired, and `current` voids it as soon as the account changes.
  const checked = new Map<string, { principal: Principal; jwks: JwksDoc; until: number }>();
  const checkedOnce = async (token: string, jwks: JwksDoc, verify: () => Promise<Principal>) => {
    const known = checked.get(token);
    if (known?.jwks === jwks && clock().getTime() < known.until) return known.principal;
    const principal = await verify();
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') {
      if (checked.size >= 10_000) checked.clear();
      checked.set(token, { principal, jwks, until: exp * 1000 });
    }
    return principal;
  };
  const current = (token: string, p: Principal): Principal => {
    const from = p.kind === 'staff' ? own?.staff.voidedFrom(p.id) : undefined;
    if (from !== undefined && issuedNoLaterThan(token, from))
      throw new HallnetError('ERR_SESSION_REVOKED', `${p.id}'s account changed after this login`);
    return p;
  };
  return async function authenticate(token) {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch (err) {
      throw new HallnetError('ERR_TOKEN_INVALID', 'not a token', { cause: err });
    }
    if (header.alg === 'RS256') {
      const p = current(token, await tokens.verify(token));
      if (own && p.kind === 'staff' && p.org === own.org && !(await own.staff.holds(p.id)))
        throw new HallnetError('ERR_TOKEN_INVALID', `account ${p.id} is no longer held at this node`);
      return p;
    }
    if (header.alg !== 'ES256')
      throw new HallnetError('ERR_TOKEN_INVALID', `algorithm ${String(header.alg)} is not accepted`);
    // A key of the city's identity service (one resident account for the city) signs residents only.
    const city = reference.cityJwks;
    if (city && typeof header.kid === 'string' && city.keys.some((k) => k.kid === header.kid)) {
      if (cityKeys?.doc !== city) cityKeys = { doc: city, set: { keys: city.keys } };
      const set = cityKeys.set;
      const p = await checkedOnce(token, city, () =>
        verifyAccessToken(token, { jwks: set, issuer: city.issuer, audience: ACCESS_AUDIENCE, now: clock() }),
      );
      if (p.kind !== 'resident')
        throw new HallnetError('ERR_TOKEN_INVALID', "staff sign in with their district's identity");
      return p;
    }
    const jwks = reference.jwks;
    if (!jwks) throw new HallnetError('ERR_KEYS_NOT_HELD', 'this node has not received the identity keys yet');
    if (typeof header.kid === 'string' && !jwks.keys.some((k) => k.kid === header.kid)) {
      throw new HallnetError('ERR_KEYS_NOT_HELD', `identity key ${header.kid} has not reached this node yet`);
    }
    if (keys?.doc !== jwks) keys = { doc: jwks, set: { keys: jwks.keys } };
    const set = keys.set;
    return current(
      token,
      await checkedOnce(token, jwks, () =>
        verifyAccessToken(token, { jwks: set, issuer: jwks.issuer, audience: ACCESS_AUDIENCE, now: clock() }),
      ),
    );
  };
}

/**
 * Whether `token` was issued at or before `from` (ms), by its signed `iat_ms` when it has one. A
 * token without it has whole seconds only (`iat`): one of the very second of the change is void
 * too, as it may precede the change.
 */
function issuedNoLaterThan(token: string, from: number): boolean {
  const claims = decodeJwt(token);
  if (typeof claims.iat_ms === 'number' && Number.isSafeInteger(claims.iat_ms)) {
    // Never later than its whole-second iat allows: a forged-looking claim cannot move a token past a change.
    const iat = claims.iat ?? 0;
    if (Math.floor(claims.iat_ms / 1000) === iat) return claims.iat_ms <= from;
  }
  return (claims.iat ?? 0) <= Math.floor(from / 1000);
}

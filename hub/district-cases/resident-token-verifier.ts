import { decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import { ACCESS_AUDIENCE, verifyAccessToken, type Principal } from '../../identity/index.js';
import { CITY_JWKS_DOC_ID, HallnetError, JWKS_DOC_ID, jwksDocSchema, type JwksDoc } from '../../sync/index.js';
import { followStore } from '../follow-store.js';
import type { Store } from '../store/store.js';

/**
 * Verifies residents' access tokens at the hub against the JWKS the hub itself publishes to the
 * nodes (`jwks:identity` in the store), so it works alike with the identity service in this
 * process and on Workers, and believes nothing a node says about who the resident is.
 */
export function residentTokenVerifier(
  store: Store,
  opts: {
    clock: () => Date;
    logger: Logger;
    /** The hub's own identity keys: a district's `jwks:identity`, a city hub's `jwks:city` (its staff are the city's). */
    ownKeys?: string;
  },
): { verify(token: string): Promise<Principal>; ready: Promise<void>; stop(): void } {
  const own = opts.ownKeys ?? JWKS_DOC_ID;
  // verifyAccessToken caches its key set per JWKS object: hand it the same object until the keys change.
  let current: { doc: JwksDoc; set: JSONWebKeySet } | undefined;
  // The city's keys, when the district is part of a city (跨区通办): one resident account for the city.
  let city: { doc: JwksDoc; set: JSONWebKeySet } | undefined;
  const follower = followStore(
    store,
    'jwks:',
    (doc) => {
      const r = jwksDocSchema.safeParse(doc);
      if (r.success && r.data._id === own) current = { doc: r.data, set: { keys: r.data.keys } };
      else if (r.success && r.data._id === CITY_JWKS_DOC_ID) city = { doc: r.data, set: { keys: r.data.keys } };
    },
    opts.logger,
  );
  return {
    async verify(token) {
      const kid = kidOf(token);
      if (city && kid !== undefined && city.doc.keys.some((k) => k.kid === kid)) {
        const p = await verifyAccessToken(token, {
          jwks: city.set,
          issuer: city.doc.issuer,
          audience: ACCESS_AUDIENCE,
          now: opts.clock(),
        });
        // Staff stay with their district's identity: the city's keys speak for residents only.
        if (p.kind !== 'resident') throw new HallnetError('ERR_TOKEN_INVALID', "a city token is a resident's");
        return p;
      }
      if (!current) throw new HallnetError('ERR_TOKEN_INVALID', 'the hub has no identity keys yet');
      return verifyAccessToken(token, {
        jwks: current.set,
        issuer: current.doc.issuer,
        audience: ACCESS_AUDIENCE,
        now: opts.clock(),
      });
    },
    ready: follower.ready,
    stop: follower.stop,
  };
}

/** The key id a token names, if it is a token at all. */
function kidOf(token: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

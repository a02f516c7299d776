import type { JSONWebKeySet } from 'jose';
import { SigningKeys } from './signing-keys.js';
import type { IdentityStore } from './store/identity-store.js';

/**
 * The JWKS to publish now (for the hub's replicated JWKS document): the signing key and the
 * retired keys whose access tokens may still be valid, newest first. Makes the first signing key
 * if the store has none, so a district starts with a key nodes can already verify.
 */
export function currentJwks(
  store: IdentityStore,
  opts: { clock?: () => Date; accessTtlSeconds?: number; maxSkewSeconds?: number } = {},
): Promise<JSONWebKeySet> {
  return new SigningKeys(store, {
    clock: opts.clock ?? (() => new Date()),
    accessTtlSeconds: opts.accessTtlSeconds ?? 600,
    maxSkewSeconds: opts.maxSkewSeconds ?? 60,
  }).jwks();
}

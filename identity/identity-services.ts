import type { Context, MiddlewareHandler } from 'hono';
import type { JSONWebKeySet } from 'jose';
import { HallnetError, orgPathSchema } from '../sync/index.js';
import { accountView } from './account-view.js';
import { hitRateLimit } from './hit-rate-limit.js';
import type { IdentityLogger } from './identity-logger.js';
import { issueAccessToken } from './issue-access-token.js';
import { randomToken } from './lib/bytes.js';
import {
  DEFAULT_ACCESS_TTL_SECONDS,
  DEFAULT_ISSUER,
  DEFAULT_MAX_SKEW_SECONDS,
  MAX_ACCESS_TTL_SECONDS,
} from './lib/access-token-rules.js';
import { LoginGuard } from './login-guard.js';
import type { NoticeSender } from './notice-sender.js';
import { OneTimeCodes } from './one-time-codes.js';
import type { PasswordHasher } from './password-hasher.js';
import { RefreshSessions, type IssuedRefresh } from './refresh-sessions.js';
import { SigningKeys } from './signing-keys.js';
import type { Account, IdentityStore } from './store/identity-store.js';

/** What createIdentityApp is built from: its ports, the district, and limits. */
export interface IdentityAppOptions {
  store: IdentityStore;
  hasher: PasswordHasher;
  sender: NoticeSender;
  /** The district's organisation path: staff live within it, and its own admins rotate keys. */
  district: string;
  /** The caller's address for rate limits; runtime-specific (socket on Node, CF-Connecting-IP on Workers). */
  clientAddress: (c: Context) => string;
  /** The calling node's organisation, or throws; without it `/identity/node-staff` refuses everyone. */
  authorizeNode?: (c: Context) => string | Promise<string>;
  clock?: () => Date;
  /** The `iss` of access tokens; default `hallnet-identity`. */
  issuer?: string;
  /** Default 600, at most 3600. */
  accessTtlSeconds?: number;
  /** Default 14 days. */
  refreshTtlSeconds?: number;
  /** A login's absolute lifetime; default 30 days. */
  maxSessionSeconds?: number;
  /** Requests to the login, sign-up, code and refresh endpoints per client address; default 30 a minute. */
  perAddress?: { limit: number; windowSeconds: number };
  logger?: IdentityLogger;
  /** Told the new JWKS whenever the keys change, so the hub can replicate it at once. */
  onJwksChange?: (jwks: JSONWebKeySet) => void | Promise<void>;
  /** Middleware run first on every request: the server's request metrics (`observeRequests`). */
  observe?: MiddlewareHandler;
  /**
   * Whether this instance may rotate the signing keys now: with several hub instances over one
   * store only the holder of the duty lease does (`holder` names it for the refusal). Default: always.
   */
  keyDuty?: () => { held: boolean; holder: string | undefined };
}

/** What the identity endpoints work with, built once from the options. */
export type IdentityServices = ReturnType<typeof createIdentityServices>;

/** Checks the options (ERR_CONFIG when wrong) and builds the services the endpoints share. */
export function createIdentityServices(opts: IdentityAppOptions) {
  for (const name of ['store', 'hasher', 'sender', 'clientAddress'] as const) {
    if (!opts[name]) throw new HallnetError('ERR_CONFIG', `identity: ${name} is required`);
  }
  if (!orgPathSchema.safeParse(opts.district).success || opts.district.includes('/')) {
    throw new HallnetError('ERR_CONFIG', 'identity: district must be the root organisation path, e.g. "dongcheng"');
  }
  const accessTtlSeconds = opts.accessTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
  if (!Number.isInteger(accessTtlSeconds) || accessTtlSeconds < 30 || accessTtlSeconds > MAX_ACCESS_TTL_SECONDS) {
    throw new HallnetError(
      'ERR_CONFIG',
      `identity: accessTtlSeconds must be an integer from 30 to ${MAX_ACCESS_TTL_SECONDS}`,
    );
  }
  const perAddress = opts.perAddress ?? { limit: 30, windowSeconds: 60 };
  if (!(perAddress.limit >= 1 && perAddress.windowSeconds >= 1))
    throw new HallnetError('ERR_CONFIG', 'identity: perAddress needs a positive limit and window');
  const clock = opts.clock ?? (() => new Date());
  const { store, hasher, logger } = opts;
  const issuer = opts.issuer ?? DEFAULT_ISSUER;
  const keys: SigningKeys = new SigningKeys(store, {
    clock,
    accessTtlSeconds,
    maxSkewSeconds: DEFAULT_MAX_SKEW_SECONDS,
    onChange: () => void jwksChanged(),
  });
  const sessions = new RefreshSessions(store, {
    clock,
    ttlSeconds: opts.refreshTtlSeconds,
    maxSessionSeconds: opts.maxSessionSeconds,
    logger,
  });
  let dummy: Promise<string> | undefined;

  /** Tells the hub the keys changed; a failure is logged, never thrown into a request. */
  async function jwksChanged(): Promise<void> {
    if (!opts.onJwksChange) return;
    try {
      await opts.onJwksChange(await keys.jwks());
    } catch (err) {
      logger?.error({ err }, 'publishing the new JWKS failed');
    }
  }

  return {
    store,
    hasher,
    sender: opts.sender,
    clock,
    issuer,
    district: opts.district,
    logger,
    keys,
    keyDuty: opts.keyDuty,
    sessions,
    guard: new LoginGuard(store, { clock }),
    codes: new OneTimeCodes(store, opts.sender, { clock }),
    authorizeNode: opts.authorizeNode,

    /** The caller's address, as the runtime establishes it (relayed requests: the address the hall or hub vouches for). */
    address: opts.clientAddress,

    /** Counts a request against the caller's address; throws ERR_RATE_LIMITED past the limit. */
    limitAddress(c: Context): Promise<void> {
      return hitRateLimit(
        store,
        `addr:${opts.clientAddress(c)}`,
        perAddress.limit,
        perAddress.windowSeconds * 1000,
        clock(),
      );
    },

    /** Counts a request under any other key (a phone, say); throws ERR_RATE_LIMITED past `limit` in `windowMs`. */
    limitKey(key: string, limit: number, windowMs: number): Promise<void> {
      return hitRateLimit(store, key, limit, windowMs, clock());
    },

    /** A verifier of no one's password, checked for unknown accounts so their timing matches known ones. */
    dummyVerifier(): Promise<string> {
      dummy ??= hasher.hash(randomToken());
      return dummy;
    },

    /** The token answer of a login or refresh: a fresh access token with the given refresh token. */
    async grant(account: Account, refresh: IssuedRefresh) {
      const { token, expiresAt } = await issueAccessToken(account, {
        keys,
        issuer,
        ttlSeconds: accessTtlSeconds,
        now: clock(),
      });
      return {
        tokenType: 'Bearer' as const,
        accessToken: token,
        expiresAt: new Date(expiresAt).toISOString(),
        expiresIn: accessTtlSeconds,
        refreshToken: refresh.token,
        refreshExpiresAt: new Date(refresh.expiresAt).toISOString(),
        account: accountView(account),
      };
    },
  };
}

import { HallnetError } from '../sync/index.js';
import type { IdentityLogger } from './identity-logger.js';
import { randomToken, sha256Hex } from './lib/bytes.js';
import type { IdentityStore } from './store/identity-store.js';

/** Clock and lifetimes of refresh tokens. */
export interface RefreshSessionsOptions {
  clock: () => Date;
  /** How long one refresh token stays usable; default 14 days. */
  ttlSeconds?: number;
  /** How long a login lasts however often it is refreshed; default 30 days. */
  maxSessionSeconds?: number;
  logger?: IdentityLogger;
}

/** A refresh token handed out, and when it stops working (epoch ms). */
export interface IssuedRefresh {
  token: string;
  expiresAt: number;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Rotating refresh tokens: opaque random strings, stored only as their SHA-256, grouped in a family
 * per login. Each use hands out the next token; a token used a second time means someone holds a
 * copy, so the whole family is revoked (ERR_REFRESH_REUSED) and the newer token dies with it.
 */
export class RefreshSessions {
  private readonly ttlMs: number;
  private readonly maxSessionMs: number;

  constructor(
    private readonly store: IdentityStore,
    private readonly opts: RefreshSessionsOptions,
  ) {
    this.ttlMs = (opts.ttlSeconds ?? 14 * 86_400) * 1000;
    this.maxSessionMs = (opts.maxSessionSeconds ?? 30 * 86_400) * 1000;
  }

  /** Starts a family for `sub`: the first refresh token of a new login. */
  start(sub: string): Promise<IssuedRefresh> {
    const now = this.opts.clock().getTime();
    return this.issue(randomToken(16), sub, now, now + this.maxSessionMs);
  }

  /** Spends a refresh token and returns the next one of its family with the account it belongs to, and when the spent one was issued. */
  async rotate(token: string): Promise<IssuedRefresh & { sub: string; spentIssuedAt: number }> {
    if (!TOKEN_SHAPE.test(token)) throw new HallnetError('ERR_TOKEN_INVALID', 'not a refresh token');
    const now = this.opts.clock().getTime();
    const used = await this.store.useRefresh(await sha256Hex(token), now);
    if (!used) throw new HallnetError('ERR_TOKEN_INVALID', 'unknown refresh token');
    const { token: rec, firstUse } = used;
    if (await this.store.familyRevoked(rec.familyId)) throw new HallnetError('ERR_SESSION_REVOKED');
    if (!firstUse) {
      await this.store.revokeFamily(rec.familyId, now);
      this.opts.logger?.warn({ sub: rec.sub, familyId: rec.familyId }, 'refresh token reused: session revoked');
      throw new HallnetError('ERR_REFRESH_REUSED');
    }
    if (rec.expiresAt <= now) throw new HallnetError('ERR_TOKEN_EXPIRED', 'refresh token expired');
    const next = await this.issue(rec.familyId, rec.sub, now, rec.familyExpiresAt);
    return { ...next, sub: rec.sub, spentIssuedAt: rec.issuedAt };
  }

  /** Ends the login the token belongs to (logout); an unknown token is ignored. */
  async end(token: string): Promise<void> {
    if (!TOKEN_SHAPE.test(token)) return;
    const now = this.opts.clock().getTime();
    const used = await this.store.useRefresh(await sha256Hex(token), now);
    if (used) await this.store.revokeFamily(used.token.familyId, now);
  }

  private async issue(familyId: string, sub: string, now: number, familyExpiresAt: number): Promise<IssuedRefresh> {
    const token = randomToken(32);
    const expiresAt = Math.min(now + this.ttlMs, familyExpiresAt);
    await this.store.saveRefresh({
      hash: await sha256Hex(token),
      familyId,
      sub,
      issuedAt: now,
      expiresAt,
      familyExpiresAt,
    });
    return { token, expiresAt };
  }
}

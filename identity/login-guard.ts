import { HallnetError } from '../sync/index.js';
import type { IdentityStore } from './store/identity-store.js';

/** Clock and thresholds of the lockout. */
export interface LoginGuardOptions {
  clock: () => Date;
  /** Wrong passwords in a row that lock the account; default 5. */
  maxFailures?: number;
  /** How long a lock lasts; default 15 minutes. */
  lockMs?: number;
  /** Failures older than this are forgotten; default 24 hours. */
  failureWindowMs?: number;
}

/**
 * Locks an account after `maxFailures` wrong passwords in a row, for `lockMs`; while locked every
 * attempt, right or wrong, is refused with ERR_LOCKED_OUT. Attempts are counted in the store before
 * the password is checked, so parallel guesses cannot slip past the count.
 */
export class LoginGuard {
  private readonly max: number;
  private readonly lockMs: number;
  private readonly windowMs: number;

  constructor(private readonly store: IdentityStore, private readonly opts: LoginGuardOptions) {
    this.max = opts.maxFailures ?? 5;
    this.lockMs = opts.lockMs ?? 15 * 60_000;
    this.windowMs = opts.failureWindowMs ?? 24 * 3_600_000;
  }

  /** Counts an attempt on `key` (an account's sub); returns its number in the current run. */
  async begin(key: string): Promise<number> {
    await this.refuseIfLocked(key);
    const now = this.opts.clock().getTime();
    const n = (await this.store.bump(`fail:${key}`, now, this.windowMs)).count;
    // Reached only by attempts racing the one that set the lock, or after a crash before it did.
    if (n > this.max) {
      await this.lock(key, now);
      throw this.lockedOut(this.lockMs);
    }
    // Looked at again: a lock set between the first look and the count has just cleared the count.
    await this.refuseIfLocked(key);
    return n;
  }

  /** The attempt numbered `n` had a wrong password; the `maxFailures`th locks the account. */
  async failed(key: string, n: number): Promise<void> {
    if (n >= this.max) await this.lock(key, this.opts.clock().getTime());
  }

  async succeeded(key: string): Promise<void> {
    await this.store.clear(`fail:${key}`);
  }

  private async lock(key: string, now: number): Promise<void> {
    await this.store.bump(`lock:${key}`, now, this.lockMs);
    await this.store.clear(`fail:${key}`);
  }

  private async refuseIfLocked(key: string): Promise<void> {
    const now = this.opts.clock().getTime();
    const lock = await this.store.peek(`lock:${key}`);
    if (lock && now - lock.windowStart < this.lockMs) throw this.lockedOut(lock.windowStart + this.lockMs - now);
  }

  private lockedOut(ms: number): HallnetError {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return new HallnetError('ERR_LOCKED_OUT', `locked for ${seconds} s more`, { detail: { retryAfterSeconds: seconds } });
  }
}

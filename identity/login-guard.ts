import { HallnetError } from '../sync/index.js';
import type { IdentityStore } from './store/identity-store.js';

/** The counters a login guard keeps: the identity store's, or any store with the same three operations. */
export type GuardCounters = Pick<IdentityStore, 'bump' | 'peek' | 'clear'>;

/** Clock and thresholds of the login guard. */
export interface LoginGuardOptions {
  clock: () => Date;
  /** Wrong passwords from one address for one account before it has to wait; default 5. */
  freePerAddress?: number;
  /** Wrong passwords for one account from addresses it never logged in from before all of them wait; default 20. */
  freePerAccount?: number;
  /** The first wait; each further failure doubles it. Default one minute. */
  firstDelayMs?: number;
  /** The longest wait; default one hour. */
  maxDelayMs?: number;
}

/** One login attempt as the guard counted it. */
export interface LoginAttempt {
  account: string;
  address: string;
  /** Whether this account logged in from this address before: such an address never waits for others' failures. */
  known: boolean;
}

const DAY_MS = 86_400_000;
/** How long an address stays known for an account after a successful login there. */
const KNOWN_MS = 30 * DAY_MS;

/**
 * Wrong passwords slow the guesser, not the account's owner: failures are counted per account
 * and address, and after `freePerAddress` of them that address waits before its next try, a wait
 * that doubles with each further failure (one minute, two, four … up to an hour). Failures from
 * addresses the account has never logged in from are also counted for the account as a whole, so
 * guessing spread over many addresses waits too once they pass `freePerAccount`; but an address the
 * owner logged in from before is never held back by anyone else's failures. So a stranger cannot
 * lock out a named clerk: the clerk at his own desk still logs in. Attempts from an address are
 * counted before the password is checked, so parallel guesses cannot slip past the count.
 */
export class LoginGuard {
  private readonly freeAddress: number;
  private readonly freeAccount: number;
  private readonly firstDelay: number;
  private readonly maxDelay: number;

  constructor(
    private readonly counters: GuardCounters,
    private readonly opts: LoginGuardOptions,
  ) {
    this.freeAddress = opts.freePerAddress ?? 5;
    this.freeAccount = opts.freePerAccount ?? 20;
    this.firstDelay = opts.firstDelayMs ?? 60_000;
    this.maxDelay = opts.maxDelayMs ?? 3_600_000;
  }

  /** Counts an attempt on `account` (an account's sub, or the name tried) from `address`; throws ERR_LOCKED_OUT while it must wait. */
  async begin(account: string, address: string): Promise<LoginAttempt> {
    const now = this.opts.clock().getTime();
    const pair = `${account}|${address}`;
    const known = await this.isKnown(pair, now);
    const before = await this.refuseWhileWaiting(`pair:${pair}`, this.freeAddress, now);
    if (!known) await this.refuseWhileWaiting(`account:${account}`, this.freeAccount, now);
    const failures = await this.count(`pair:${pair}`, now);
    // Past the free tries only one attempt goes through after each wait: one that raced another
    // past the look above waits like the rest.
    if (failures > this.freeAddress && failures !== before + 1)
      throw lockedOut(this.waitAfter(failures - 1, this.freeAddress));
    return { account, address, known };
  }

  /** The attempt had a wrong password: from an unknown address it counts against the account as a whole too. */
  async failed(attempt: LoginAttempt): Promise<void> {
    if (!attempt.known) await this.count(`account:${attempt.account}`, this.opts.clock().getTime());
  }

  /** The password was right: the address's failures are forgotten and it becomes known for the account. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    const pair = `${attempt.account}|${attempt.address}`;
    await this.counters.clear(`fail:pair:${pair}`);
    await this.counters.clear(`last:pair:${pair}`);
    // A window of zero starts a new one now: the counter remembers when the last login was.
    await this.counters.bump(`known:${pair}`, this.opts.clock().getTime(), 0);
  }

  private async isKnown(pair: string, now: number): Promise<boolean> {
    const seen = await this.counters.peek(`known:${pair}`);
    return seen !== undefined && now - seen.windowStart < KNOWN_MS;
  }

  /** Adds a failure to `scope` and stamps its time; returns the failures of the last day. */
  private async count(scope: string, now: number): Promise<number> {
    const c = await this.counters.bump(`fail:${scope}`, now, DAY_MS);
    await this.counters.bump(`last:${scope}`, now, 0);
    return c.count;
  }

  /** Throws while `scope` must wait; returns its failures of the last day. */
  private async refuseWhileWaiting(scope: string, free: number, now: number): Promise<number> {
    const failures = await this.counters.peek(`fail:${scope}`);
    if (!failures || now - failures.windowStart >= DAY_MS) return 0;
    const last = await this.counters.peek(`last:${scope}`);
    const left = (last?.windowStart ?? 0) + this.waitAfter(failures.count, free) - now;
    if (left > 0) throw lockedOut(left);
    return failures.count;
  }

  /** How long to wait after `failures` failures when the first `free` cost nothing. */
  private waitAfter(failures: number, free: number): number {
    if (failures < free) return 0;
    return Math.min(this.maxDelay, this.firstDelay * 2 ** Math.min(30, failures - free));
  }
}

function lockedOut(ms: number): HallnetError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new HallnetError('ERR_LOCKED_OUT', `too many wrong passwords: wait ${seconds} s`, {
    detail: { retryAfterSeconds: seconds },
  });
}

import { HallnetError } from '../sync/index.js';
import { constantTimeEqual, randomDigits, sha256Hex } from './lib/bytes.js';
import type { NoticeSender } from './notice-sender.js';
import type { IdentityStore } from './store/identity-store.js';

/** Clock, lifetime, tries and SMS template of the one-time codes. */
export interface OneTimeCodesOptions {
  clock: () => Date;
  /** Default 5 minutes. */
  ttlMs?: number;
  /** Checks a code survives; default 5. */
  maxAttempts?: number;
  /** The SMS template the gateway knows; default `login-code`, params `code` and `minutes`. */
  template?: string;
}

/**
 * Six-digit SMS codes: one outstanding per phone, valid five minutes, good for one login, dead
 * after five wrong tries. Only a hash is stored; each try is counted before the code is compared.
 */
export class OneTimeCodes {
  /** How long a code stays valid. */
  readonly ttlSeconds: number;
  private readonly ttlMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly store: IdentityStore,
    private readonly sender: NoticeSender,
    private readonly opts: OneTimeCodesOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.ttlSeconds = Math.round(this.ttlMs / 1000);
    this.maxAttempts = opts.maxAttempts ?? 5;
  }

  /**
   * Makes a new code for the phone, replacing any outstanding one under the same key, and sends it.
   * `key` keeps codes of another purpose apart (a staff account's password reset: `staff-reset:<account>`);
   * the phone itself unless given. `template` is the SMS template, the options' one unless given.
   */
  async send(phone: string, purpose: { key?: string; template?: string } = {}): Promise<void> {
    const key = purpose.key ?? phone;
    const code = randomDigits(6);
    const now = this.opts.clock().getTime();
    await this.store.saveOtp({ phone: key, codeHash: await hash(key, code), expiresAt: now + this.ttlMs, attempts: 0 });
    await this.sender.send({
      phone,
      template: purpose.template ?? this.opts.template ?? 'login-code',
      params: { code, minutes: String(Math.round(this.ttlMs / 60_000)) },
    });
  }

  /** Spends the code kept under `key` (a phone, or the key it was sent with) if `code` is it; throws ERR_OTP_INVALID otherwise. */
  async check(key: string, code: string): Promise<void> {
    const rec = await this.store.attemptOtp(key);
    const now = this.opts.clock().getTime();
    if (!rec || rec.expiresAt <= now || rec.attempts > this.maxAttempts) {
      if (rec) await this.store.spendOtp(key, rec.codeHash);
      throw new HallnetError('ERR_OTP_INVALID');
    }
    if (!constantTimeEqual(await hash(key, code), rec.codeHash)) {
      if (rec.attempts >= this.maxAttempts) await this.store.spendOtp(key, rec.codeHash);
      throw new HallnetError('ERR_OTP_INVALID', undefined, { detail: { triesLeft: this.maxAttempts - rec.attempts } });
    }
    // Only one of two requests racing with the right code gets to spend it.
    if (!(await this.store.spendOtp(key, rec.codeHash))) throw new HallnetError('ERR_OTP_INVALID');
  }
}

const hash = (phone: string, code: string) => sha256Hex(`${phone}:${code}`);

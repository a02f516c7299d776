import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { HallnetError } from '../../sync/index.js';

/** How long a pairing code the clerk is shown stays good. */
export const PAIRING_CODE_MINUTES = 10;
/** Wrong codes a window's pairing code survives. */
const MAX_TRIES = 5;
/** Where the node keeps each window's paired device: a `_local` document, never replicated. */
const DOC_ID = '_local/rating-devices';

interface PairedDevice {
  /** SHA-256 of the secret the device holds (in its cookie); the secret itself is never kept. */
  hash: string;
  pairedAt: string;
  /** The clerk whose code paired it. */
  by: string;
}

interface Stored {
  _id: string;
  _rev?: string;
  windows: Record<string, PairedDevice>;
}

const sha256 = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());

/**
 * 评议器配对: each window's rating device is paired once, with a six-digit code shown to the clerk
 * on his queue panel and typed on the tablet. Pairing hands the tablet a secret (kept as a cookie);
 * only a request carrying it sees what the window's device is offering or sends a rating for it.
 * Pairing again (a new tablet) unpairs the old one.
 */
export class DevicePairings {
  private readonly codes = new Map<string, { code: string; expiresAt: number; tries: number; by: string }>();
  private cache: Stored | undefined;
  // Pairings of two windows at once would write the one document over each other: one at a time.
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: PouchDB.Database,
    private readonly clock: () => Date,
  ) {}

  /** A fresh pairing code for `window`, replacing any outstanding one. */
  issueCode(window: string, by: string): { code: string; issuedAt: string; expiresAt: string } {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const issuedAt = this.clock().getTime();
    const expiresAt = issuedAt + PAIRING_CODE_MINUTES * 60_000;
    this.codes.set(window, { code, expiresAt, tries: 0, by });
    return { code, issuedAt: new Date(issuedAt).toISOString(), expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Spends the window's code and pairs the device that typed it: returns the secret it keeps. */
  async pair(window: string, code: string): Promise<string> {
    const pending = this.codes.get(window);
    const now = this.clock().getTime();
    if (!pending || pending.expiresAt <= now || ++pending.tries > MAX_TRIES) {
      this.codes.delete(window);
      throw invalidCode();
    }
    if (!timingSafeEqual(sha256(pending.code), sha256(code))) {
      if (pending.tries >= MAX_TRIES) this.codes.delete(window);
      throw invalidCode();
    }
    this.codes.delete(window);
    const secret = randomBytes(32).toString('base64url');
    const write = this.writes.then(async () => {
      const stored = await this.read();
      stored.windows[window] = {
        hash: Buffer.from(sha256(secret)).toString('hex'),
        pairedAt: new Date(now).toISOString(),
        by: pending.by,
      };
      const res = await this.db.put(stored);
      this.cache = { ...stored, _rev: res.rev };
    });
    this.writes = write.catch(() => undefined);
    await write;
    return secret;
  }

  /** Throws ERR_DEVICE_NOT_PAIRED unless `secret` is the one the window's paired device holds. */
  async check(window: string, secret: string | undefined): Promise<void> {
    const paired = (await this.read()).windows[window];
    if (!paired || !secret || !timingSafeEqual(new Uint8Array(Buffer.from(paired.hash, 'hex')), sha256(secret))) {
      throw new HallnetError('ERR_DEVICE_NOT_PAIRED', `no device paired with window ${window} presented itself`);
    }
  }

  /**
   * Whether a device is paired with `window`, and since when; and whether a code issued for it still
   * waits to be typed (the clerk's panel shows the code until it is spent or runs out).
   */
  async status(window: string): Promise<{ paired: boolean; pairedAt: string | null; codeWaiting: boolean }> {
    const paired = (await this.read()).windows[window];
    const pending = this.codes.get(window);
    return {
      paired: paired !== undefined,
      pairedAt: paired?.pairedAt ?? null,
      codeWaiting: pending !== undefined && pending.expiresAt > this.clock().getTime() && pending.tries < MAX_TRIES,
    };
  }

  private async read(): Promise<Stored> {
    if (this.cache) return structuredClone(this.cache);
    try {
      this.cache = await this.db.get<Stored>(DOC_ID);
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      this.cache = { _id: DOC_ID, windows: {} };
    }
    return structuredClone(this.cache);
  }
}

function invalidCode(): HallnetError {
  return new HallnetError('ERR_PAIRING_CODE_INVALID', undefined, {
    issues: [{ field: 'body.code', reason: 'wrong or expired pairing code / 配对码错误或已过期，请工作人员重新获取' }],
  });
}

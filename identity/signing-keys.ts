import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import type { IdentityStore, SigningKeyRecord } from './store/identity-store.js';

/** How SigningKeys tells time and how long retired keys stay published. */
export interface SigningKeysOptions {
  clock: () => Date;
  /** How long access tokens live: a retired key stays published this long (plus the skew). */
  accessTtlSeconds: number;
  /** Clock difference verifiers tolerate; default 60. */
  maxSkewSeconds?: number;
  /** Called after this instance made or rotated a key; errors are its own to handle. */
  onChange?: () => void;
}

/**
 * The ES256 keys access tokens are signed with, kept in the IdentityStore: the newest unretired key
 * signs; rotating retires the others, whose public keys stay in the JWKS until their tokens expire.
 */
export class SigningKeys {
  private readonly imported = new Map<string, Promise<CryptoKey>>();
  private creating: Promise<SigningKeyRecord> | undefined;

  constructor(
    private readonly store: IdentityStore,
    private readonly opts: SigningKeysOptions,
  ) {}

  /** The key to sign with now, making the first one if the store has none. */
  async current(): Promise<{ kid: string; key: CryptoKey }> {
    const rec = newestActive(await this.store.listKeys()) ?? (await this.createFirst());
    let key = this.imported.get(rec.kid);
    if (!key) {
      key = importJWK(rec.privateJwk, 'ES256') as Promise<CryptoKey>;
      this.imported.set(rec.kid, key);
    }
    return { kid: rec.kid, key: await key };
  }

  /** Makes a new signing key and retires every other; returns the new kid. */
  async rotate(): Promise<string> {
    const fresh = await this.generate();
    await this.store.saveKey(fresh);
    const now = this.opts.clock().getTime();
    for (const k of await this.store.listKeys()) {
      if (k.kid !== fresh.kid && k.retiredAt === undefined) await this.store.saveKey({ ...k, retiredAt: now });
    }
    this.opts.onChange?.();
    return fresh.kid;
  }

  /** The public keys verifiers need now: the signing key and retired keys whose tokens may still be valid. */
  async jwks(): Promise<JSONWebKeySet> {
    await this.current();
    const now = this.opts.clock().getTime();
    const keepMs = (this.opts.accessTtlSeconds + (this.opts.maxSkewSeconds ?? 60)) * 1000;
    const keys = (await this.store.listKeys())
      .filter((k) => k.retiredAt === undefined || now < k.retiredAt + keepMs)
      .sort((a, b) => b.createdAt - a.createdAt || (a.kid < b.kid ? -1 : 1));
    return { keys: keys.map((k) => ({ ...k.publicJwk })) };
  }

  private createFirst(): Promise<SigningKeyRecord> {
    // One generation per process however many requests arrive at once; two instances racing
    // only leave two valid keys, the newer of which signs.
    this.creating ??= (async () => {
      const rec = await this.generate();
      await this.store.saveKey(rec);
      this.opts.onChange?.();
      return rec;
    })().finally(() => {
      this.creating = undefined;
    });
    return this.creating;
  }

  private async generate(): Promise<SigningKeyRecord> {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const publicJwk: JWK = await exportJWK(pair.publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES256' };
    return {
      kid,
      privateJwk,
      publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' },
      createdAt: this.opts.clock().getTime(),
    };
  }
}

function newestActive(keys: SigningKeyRecord[]): SigningKeyRecord | undefined {
  return keys
    .filter((k) => k.retiredAt === undefined)
    .sort((a, b) => b.createdAt - a.createdAt || (a.kid < b.kid ? -1 : 1))[0];
}

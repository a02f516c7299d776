import type { JWK } from 'jose';
import { HallnetError } from '../../sync/index.js';
import { fromBase64, toBase64 } from '../lib/bytes.js';
import type { IdentityStore, SigningKeyRecord } from './identity-store.js';

/** How a sealed private key sits in the store where the JWK would be. */
interface SealedJwk {
  kty: 'sealed';
  alg: 'A256GCM';
  iv: string;
  ct: string;
}

const MIN_SECRET_LENGTH = 32;
const encoder = new TextEncoder();

const isSealed = (jwk: JWK): jwk is JWK & SealedJwk => jwk.kty === 'sealed';

/**
 * Wraps a store so signing keys' private parts are kept encrypted (AES-256-GCM, the key derived
 * with HKDF from `secret`, the kid bound as associated data): a copy of the database alone does not
 * let anyone sign tokens. On Workers the secret is `KEY_SEAL_SECRET`, a Worker secret; it must stay
 * the same for as long as the sealed keys are in use. Keys stored unsealed are still read.
 */
export function sealSigningKeys(store: IdentityStore, secret: string): IdentityStore {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new HallnetError('ERR_CONFIG', `the key seal secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  let aes: Promise<CryptoKey> | undefined;
  const key = () =>
    (aes ??= crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']).then((material) =>
      crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: encoder.encode('hallnet identity signing-key seal'),
          info: encoder.encode('A256GCM v1'),
        },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      ),
    ));

  async function seal(k: SigningKeyRecord): Promise<SigningKeyRecord> {
    if (isSealed(k.privateJwk)) return k;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plain = encoder.encode(JSON.stringify(k.privateJwk));
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(k.kid) }, await key(), plain),
    );
    const sealed: SealedJwk = { kty: 'sealed', alg: 'A256GCM', iv: toBase64(iv), ct: toBase64(ct) };
    return { ...k, privateJwk: sealed };
  }

  async function unseal(k: SigningKeyRecord): Promise<SigningKeyRecord> {
    if (!isSealed(k.privateJwk)) return k;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(k.privateJwk.iv), additionalData: encoder.encode(k.kid) },
        await key(),
        fromBase64(k.privateJwk.ct),
      );
      return { ...k, privateJwk: JSON.parse(new TextDecoder().decode(plain)) as JWK };
    } catch (cause) {
      throw new HallnetError(
        'ERR_CONFIG',
        `signing key ${k.kid} does not unseal: the seal secret is not the one it was sealed with`,
        { cause },
      );
    }
  }

  return {
    createAccount: (a) => store.createAccount(a),
    getAccount: (sub) => store.getAccount(sub),
    findResident: (by, value) => store.findResident(by, value),
    listStaff: (org) => store.listStaff(org),
    listStaffWithin: (org) => store.listStaffWithin(org),
    updateStaff: (sub, change) => store.updateStaff(sub, change),
    markResidentVerified: (sub, v) => store.markResidentVerified(sub, v),
    saveRefresh: (t) => store.saveRefresh(t),
    useRefresh: (hash, now) => store.useRefresh(hash, now),
    revokeFamily: (familyId, now) => store.revokeFamily(familyId, now),
    familyRevoked: (familyId) => store.familyRevoked(familyId),
    bump: (k, now, windowMs) => store.bump(k, now, windowMs),
    peek: (k) => store.peek(k),
    clear: (k) => store.clear(k),
    saveOtp: (o) => store.saveOtp(o),
    attemptOtp: (phone) => store.attemptOtp(phone),
    spendOtp: (phone, codeHash) => store.spendOtp(phone, codeHash),
    close: () => store.close(),
    async listKeys() {
      return Promise.all((await store.listKeys()).map(unseal));
    },
    async saveKey(k) {
      await store.saveKey(await seal(k));
    },
  };
}

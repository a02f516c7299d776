import forge from 'node-forge';
import { HallnetError } from '../../../sync/index.js';

export const MIN_RSA_BITS = 2048;

/** Reads an unencrypted RSA private key in PKCS#8 or PKCS#1 PEM. */
export function parsePrivateKey(pem: string, what = 'private key'): forge.pki.rsa.PrivateKey {
  try {
    return forge.pki.privateKeyFromPem(pem);
  } catch (cause) {
    throw new HallnetError('ERR_CONFIG', `${what} is not an unencrypted RSA private key in PEM`, { cause });
  }
}

/** The same key as PKCS#8 PEM, which jose's importPKCS8 requires. */
export function toPkcs8Pem(key: forge.pki.rsa.PrivateKey): string {
  return forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)));
}

/** True when the private key is the one behind the public key. */
export function isKeyPair(pub: forge.pki.PublicKey, priv: forge.pki.rsa.PrivateKey): boolean {
  const p = pub as forge.pki.rsa.PublicKey;
  return p.n?.equals(priv.n) && p.e.equals(priv.e);
}

export function rsaBits(pub: forge.pki.PublicKey | null): number {
  const n = (pub as forge.pki.rsa.PublicKey | null)?.n;
  return n ? n.bitLength() : 0;
}

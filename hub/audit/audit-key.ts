import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKeyFile, writeKeyFile } from '../../identity/index.js';

/** The key a hub process seals its audit log with. */
export interface AuditKey {
  privateKey: KeyObject;
  /** SPKI PEM; also in `<instance>.pub.pem` beside the log, for verifying offline. */
  publicKeyPem: string;
  /** sha256 of the public key's DER, lowercase hex: what to note down and compare. */
  fingerprint: string;
}

/** The instance's Ed25519 sealing key, made at its first start: `<dir>/<instance>.key.pem` (0600) and `<instance>.pub.pem`. */
export function loadOrCreateAuditKey(dir: string, instance: string): AuditKey {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyPath = join(dir, `${instance}.key.pem`);
  if (!existsSync(keyPath))
    writeKeyFile(keyPath, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const privateKey = createPrivateKey(readKeyFile(keyPath));
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
  writeFileSync(join(dir, `${instance}.pub.pem`), publicKeyPem, { mode: 0o644 });
  return { privateKey, publicKeyPem, fingerprint: publicKeyFingerprint(publicKeyPem) };
}

/** sha256 of a public key's SPKI DER, lowercase hex. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  return createHash('sha256')
    .update(new Uint8Array(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })))
    .digest('hex');
}

import forge from 'node-forge';
import { HallnetError, orgPathSchema, type OrgPath } from '../../sync/index.js';
import { createNodeKey } from './create-node-key.js';
import { checkName, subjectAttributes } from './lib/dn.js';
import { nodeAltNames } from './lib/node-uri.js';
import { randomSerial } from './lib/random-serial.js';
import { parsePrivateKey } from './lib/rsa-key.js';
import { BACKDATE_MS, DAY_MS } from './lib/time.js';

export interface CreateRootCaOptions {
  /** The district's path: a single slug such as `dongcheng`. */
  district: OrgPath;
  /** Display name, e.g. `东城区政务服务中心 CA`. */
  name: string;
  validityDays?: number;
  now?: Date;
  /** A city's root instead (`district` is then the city's slug): it certifies the district hubs that join the city hub. */
  city?: boolean;
}

/**
 * Creates a district's root CA: a new RSA-2048 key and a self-signed certificate naming the
 * district. pathLen 1 because the tree has at most one CA (a street) between root and a node.
 */
export function createRootCa(opts: CreateRootCaOptions): { certPem: string; keyPem: string } {
  const district = orgPathSchema.safeParse(opts.district);
  if (!district.success || district.data.includes('/')) {
    throw new HallnetError('ERR_CERT_INVALID', 'a district root must be a single-slug organisation path');
  }
  const name = checkName(opts.name);
  const validityDays = opts.validityDays ?? 3650;
  if (!Number.isInteger(validityDays) || validityDays < 1) {
    throw new HallnetError('ERR_CERT_INVALID', 'validityDays must be a positive integer');
  }
  const now = opts.now ?? new Date();
  const keyPem = createNodeKey();
  const key = parsePrivateKey(keyPem);

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime() + validityDays * DAY_MS);
  const subject = subjectAttributes(name, district.data);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: opts.city ? 0 : 1 },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectAltName', altNames: nodeAltNames(district.data, undefined, opts.city) },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

import type forge from 'node-forge';
import { HallnetError, type Level, type OrgPath } from '../../../sync/index.js';
import { commonName } from './dn.js';
import { isCityAltNames, readNodeAltNames } from './node-uri.js';
import { sha256Hex, type ParsedCert } from './pem.js';
import { MIN_RSA_BITS, rsaBits } from './rsa-key.js';

/** sha256/384/512 with RSA PKCS#1 v1.5; sha1 and md5 signatures are refused. */
export const SIGNATURE_OIDS = new Set(['1.2.840.113549.1.1.11', '1.2.840.113549.1.1.12', '1.2.840.113549.1.1.13']);

const KNOWN_EXTENSIONS = new Set([
  'basicConstraints',
  'keyUsage',
  'extKeyUsage',
  'subjectAltName',
  'subjectKeyIdentifier',
  'authorityKeyIdentifier',
]);

/** What hallnet reads from a certificate, after checking that it is well-formed. */
export interface CertFacts extends ParsedCert {
  what: string;
  org: OrgPath;
  level: Level | undefined;
  /** A city root: its organisation is the city, and it certifies district hubs only. */
  city: boolean;
  name: string;
  serial: string;
  fingerprint: string;
  isCa: boolean;
  pathLen: number | undefined;
  keyCertSign: boolean;
  digitalSignature: boolean;
  notBefore: Date;
  notAfter: Date;
}

interface Ext {
  id: string;
  name?: string;
  critical?: boolean;
  cA?: boolean;
  pathLenConstraint?: number;
  keyCertSign?: boolean;
  digitalSignature?: boolean;
  altNames?: unknown;
}

/** Reads a parsed certificate's facts; anything malformed, weak or not understood is refused. */
export function readCertFacts(parsed: ParsedCert, what: string): CertFacts {
  const { cert } = parsed;
  const fail = (reason: string) => new HallnetError('ERR_CERT_INVALID', `${what}: ${reason}`);
  if (cert.version !== 2) throw fail('not an X.509 v3 certificate');
  // RFC 5280 §4.1.1.2: the outer algorithm must equal the signed one, or a verifier can be steered.
  if (!SIGNATURE_OIDS.has(cert.signatureOid) || cert.siginfo.algorithmOid !== cert.signatureOid) {
    throw fail('signature algorithm not accepted');
  }
  if (rsaBits(cert.publicKey) < MIN_RSA_BITS) throw fail(`RSA key shorter than ${MIN_RSA_BITS} bits`);
  const exts = cert.extensions as Ext[];
  const seen = new Set<string>();
  for (const e of exts) {
    if (seen.has(e.id)) throw fail('an extension appears twice');
    seen.add(e.id);
    if (e.critical && !KNOWN_EXTENSIONS.has(e.name ?? '')) throw fail(`unknown critical extension ${e.id}`);
  }
  const ext = (name: string) => exts.find((e) => e.name === name);
  const bc = ext('basicConstraints');
  const ku = ext('keyUsage');
  const { org, level } = readNodeAltNames(ext('subjectAltName')?.altNames, what);
  return {
    ...parsed,
    what,
    org,
    level,
    city: isCityAltNames(ext('subjectAltName')?.altNames),
    name: commonName(cert.subject.attributes),
    serial: cert.serialNumber.toLowerCase(),
    fingerprint: sha256Hex(parsed.der),
    isCa: bc?.cA === true,
    pathLen: bc?.cA === true ? bc.pathLenConstraint : undefined,
    // Without a keyUsage extension every use is allowed (RFC 5280 §4.2.1.3); hallnet always writes one.
    keyCertSign: ku ? ku.keyCertSign === true : true,
    digitalSignature: ku ? ku.digitalSignature === true : true,
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
  };
}

/** Refuses a certificate outside its validity window at `now`. */
export function assertValidAt(facts: CertFacts, now: Date): void {
  if (now.getTime() > facts.notAfter.getTime()) {
    throw new HallnetError(
      'ERR_CERT_EXPIRED',
      `${facts.what} (${facts.org}) expired at ${facts.notAfter.toISOString()}`,
    );
  }
  if (now.getTime() < facts.notBefore.getTime()) {
    throw new HallnetError(
      'ERR_CERT_INVALID',
      `${facts.what} (${facts.org}) is not valid before ${facts.notBefore.toISOString()}`,
    );
  }
}

/** Refuses unless `issuer`'s key signed `child` and `issuer`'s subject is `child`'s issuer name. */
export function assertSignedBy(child: CertFacts, issuer: CertFacts): void {
  let ok = false;
  try {
    ok = issuer.cert.verify(child.cert as forge.pki.Certificate);
  } catch {
    // forge throws when the names do not link; for the caller that is the same failure
  }
  if (!ok) throw new HallnetError('ERR_CERT_INVALID', `${child.what} was not signed by ${issuer.what}`);
}

import forge from 'node-forge';
import { HallnetError, type OrgPath } from '../../sync/index.js';
import { assertSignedBy, assertValidAt, readCertFacts, type CertFacts } from './lib/cert-facts.js';
import { writableAttributes } from './lib/dn.js';
import { nodeAltNames } from './lib/node-uri.js';
import { parseCertPem, sha256Hex } from './lib/pem.js';
import { isKeyPair, parsePrivateKey } from './lib/rsa-key.js';

export interface CrossCertifyOptions {
  /** The root CA certified: its name, organisation and key are what the new certificate states. */
  subjectPem: string;
  /** The certifying root CA and its key. */
  issuerCertPem: string;
  issuerKeyPem: string;
}

/**
 * Certifies one root CA with another (跨区通办), the two ways the city tier needs: the city root
 * certifies a district's root when it enrolls the district (halls of other districts then take that
 * root only with the city's word for it), and a district's root certifies the city root it enrolled
 * with (its pin: the only city its halls listen to). Nothing else: a district root certifying
 * another district, or a city another city, is refused. The certificate repeats the subject's name,
 * organisation, key, CA rights and validity (ending no later than the issuer), and its serial is
 * derived from the two certificates, so certifying the same pair again gives the same certificate:
 * the city may sign it afresh at each start without publishing a new document.
 */
export function crossCertify(opts: CrossCertifyOptions): string {
  const subject = readRoot(opts.subjectPem, 'subject');
  const issuer = readRoot(opts.issuerCertPem, 'issuer');
  assertMayCrossCertify(issuer, subject);
  const issuerKey = parsePrivateKey(opts.issuerKeyPem, 'issuer key');
  if (!isKeyPair(issuer.cert.publicKey, issuerKey))
    throw new HallnetError('ERR_CONFIG', 'the issuer key does not belong to the issuer certificate');

  const cert = forge.pki.createCertificate();
  cert.publicKey = subject.cert.publicKey;
  // Positive and minimal, like a random serial: the top bit cleared, never a leading zero octet.
  const digest = sha256Hex(issuer.der + subject.der).slice(0, 32);
  const first = Number.parseInt(digest.slice(0, 2), 16) & 0x7f || 1;
  cert.serialNumber = first.toString(16).padStart(2, '0') + digest.slice(2);
  cert.validity.notBefore = new Date(Math.max(subject.notBefore.getTime(), issuer.notBefore.getTime()));
  cert.validity.notAfter = new Date(Math.min(subject.notAfter.getTime(), issuer.notAfter.getTime()));
  cert.setSubject(writableAttributes(subject.cert.subject.attributes));
  cert.setIssuer(writableAttributes(issuer.cert.subject.attributes));
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: subject.pathLen ?? 0 },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectAltName', altNames: nodeAltNames(subject.org, undefined, subject.city) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuer.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(issuerKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export interface VerifyCrossCertificateOptions {
  /** The cross-certificate. */
  certPem: string;
  /**
   * The certificate of the certifying key as the verifier already trusts it: its own district root,
   * or (for a district root the city certified) the city root as that district root pinned it.
   */
  issuerPem: string;
  /** The self-signed root the cross-certificate is said to certify: it must be the same CA (name, organisation, key). */
  subjectPem?: string;
  now?: Date;
}

/**
 * Verifies a cross-certificate made by `crossCertify`: signed by the issuer's key, valid at `now`,
 * a root CA of the kind that issuer may certify (a district for a city, the city for a district),
 * and, given `subjectPem`, of exactly that self-signed root. Answers the organisation certified
 * and whether it is a city.
 */
export function verifyCrossCertificate(opts: VerifyCrossCertificateOptions): { org: OrgPath; city: boolean } {
  const now = opts.now ?? new Date();
  const issuer = readCertFacts(parseCertPem(opts.issuerPem, 'issuer'), 'issuer');
  if (!issuer.isCa || !issuer.keyCertSign || issuer.level !== undefined || issuer.org.includes('/'))
    throw new HallnetError('ERR_CERT_INVALID', 'the issuer is not a root CA');
  const cert = readCertFacts(parseCertPem(opts.certPem, 'cross-certificate'), 'cross-certificate');
  assertSignedBy(cert, issuer);
  assertValidAt(cert, now);
  if (!cert.isCa || !cert.keyCertSign || cert.level !== undefined)
    throw new HallnetError('ERR_CERT_INVALID', 'the cross-certificate is not of a root CA');
  assertMayCrossCertify(issuer, cert);
  if (opts.subjectPem !== undefined) {
    const subject = readRoot(opts.subjectPem, 'subject');
    const same =
      subject.org === cert.org &&
      subject.city === cert.city &&
      forge.pki.publicKeyToPem(subject.cert.publicKey) === forge.pki.publicKeyToPem(cert.cert.publicKey);
    if (!same) throw new HallnetError('ERR_CERT_INVALID', `the cross-certificate is not of the root of ${subject.org}`);
  }
  return { org: cert.org, city: cert.city };
}

/** A self-signed root CA (a district's or a city's), read strictly. */
function readRoot(pem: string, what: string): CertFacts {
  const root = readCertFacts(parseCertPem(pem, what), what);
  try {
    assertSignedBy(root, root);
  } catch (cause) {
    throw new HallnetError('ERR_CERT_INVALID', `${what} is not a root CA: not self-signed`, { cause });
  }
  if (!root.isCa || !root.keyCertSign || root.level !== undefined || root.org.includes('/'))
    throw new HallnetError('ERR_CERT_INVALID', `${what} is not a root CA`);
  return root;
}

/** A city certifies districts, a district its city; never a root of its own kind, nor itself. */
function assertMayCrossCertify(issuer: CertFacts, subject: { org: string; city: boolean }): void {
  if (subject.org === issuer.org) throw new HallnetError('ERR_CERT_INVALID', `${issuer.org} does not certify itself`);
  if (issuer.city === subject.city)
    throw new HallnetError(
      'ERR_CERT_INVALID',
      issuer.city ? 'a city root certifies district roots only' : 'a district root certifies its city root only',
    );
}

import forge from 'node-forge';
import { HallnetError } from '../../sync/index.js';
import { assertValidAt, readCertFacts, SIGNATURE_OIDS } from './lib/cert-facts.js';
import { checkName, commonName, subjectAttributes, writableAttributes } from './lib/dn.js';
import { assertMayIssue, assertNodeCertShape } from './lib/issuance-policy.js';
import { nodeAltNames, readNodeAltNames } from './lib/node-uri.js';
import { parseCertPem, pemBody } from './lib/pem.js';
import { isValidSerial, randomSerial } from './lib/random-serial.js';
import { isKeyPair, MIN_RSA_BITS, parsePrivateKey, rsaBits } from './lib/rsa-key.js';
import { BACKDATE_MS, DAY_MS } from './lib/time.js';

export interface IssueCertificateOptions {
  csrPem: string;
  issuerCertPem: string;
  issuerKeyPem: string;
  /** Defaults to 365 days, shortened to end with the issuer; an explicit value beyond the issuer is refused. */
  validityDays?: number;
  now?: Date;
  /** Lowercase hex; a random 16-octet serial when absent. */
  serial?: string;
}

/**
 * Issues a node certificate from a CSR. Only the organisation, level and name are taken from the
 * request; CA rights, key usages and validity are decided here, so a request cannot ask for them.
 */
export function issueCertificate(opts: IssueCertificateOptions): string {
  const now = opts.now ?? new Date();
  const csr = readCsr(opts.csrPem);
  const { org, level } = readNodeAltNames(requestedAltNames(csr), 'certificate request');
  const name = checkName(commonName(csr.subject.attributes));

  const issuer = readCertFacts(parseCertPem(opts.issuerCertPem, 'issuer'), 'issuer');
  if (issuer.level !== undefined) assertNodeCertShape(issuer);
  const issuerKey = parsePrivateKey(opts.issuerKeyPem, 'issuer key');
  if (!isKeyPair(issuer.cert.publicKey, issuerKey)) {
    throw new HallnetError('ERR_CONFIG', 'the issuer key does not belong to the issuer certificate');
  }
  assertValidAt(issuer, now);
  assertMayIssue(issuer, { org, level }, 'certificate request');

  const notBefore = new Date(Math.max(now.getTime() - BACKDATE_MS, issuer.notBefore.getTime()));
  const notAfter = endOfValidity(opts.validityDays, now, issuer.notAfter);
  const serial = opts.serial ?? randomSerial();
  if (!isValidSerial(serial))
    throw new HallnetError('ERR_CERT_INVALID', 'serial must be positive minimal hex, at most 20 octets');

  const cert = forge.pki.createCertificate();
  cert.publicKey = csr.publicKey as forge.pki.PublicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(subjectAttributes(name, org));
  cert.setIssuer(writableAttributes(issuer.cert.subject.attributes));
  const isCa = level === 5;
  cert.setExtensions([
    isCa
      ? { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: 0 }
      : { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyCertSign: isCa, cRLSign: isCa },
    { name: 'extKeyUsage', clientAuth: true, serverAuth: true },
    { name: 'subjectAltName', altNames: nodeAltNames(org, level) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuer.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(issuerKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function readCsr(pem: string): forge.pki.CertificateSigningRequest {
  const body = pemBody(pem, 'CERTIFICATE REQUEST', 'certificate request');
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromAsn1(forge.asn1.fromDer(body, true));
  } catch (cause) {
    throw new HallnetError('ERR_CERT_INVALID', 'certificate request is not a readable RSA CSR', { cause });
  }
  if (!csr.signatureOid || !SIGNATURE_OIDS.has(csr.signatureOid) || csr.siginfo.algorithmOid !== csr.signatureOid) {
    throw new HallnetError('ERR_CERT_INVALID', 'certificate request: signature algorithm not accepted');
  }
  let ok = false;
  try {
    ok = csr.verify();
  } catch {
    // a malformed signature is as bad as a wrong one
  }
  if (!ok) throw new HallnetError('ERR_CERT_INVALID', 'certificate request signature does not verify');
  if (rsaBits(csr.publicKey) < MIN_RSA_BITS) {
    throw new HallnetError('ERR_CERT_INVALID', `certificate request: RSA key shorter than ${MIN_RSA_BITS} bits`);
  }
  return csr;
}

function requestedAltNames(csr: forge.pki.CertificateSigningRequest): unknown {
  const exts = csr.getAttribute({ name: 'extensionRequest' })?.extensions ?? [];
  return (exts as { name?: string; altNames?: unknown }[]).find((e) => e.name === 'subjectAltName')?.altNames;
}

function endOfValidity(validityDays: number | undefined, now: Date, issuerNotAfter: Date): Date {
  if (validityDays === undefined) {
    return new Date(Math.min(now.getTime() + 365 * DAY_MS, issuerNotAfter.getTime()));
  }
  if (!Number.isInteger(validityDays) || validityDays < 1) {
    throw new HallnetError('ERR_CERT_INVALID', 'validityDays must be a positive integer');
  }
  const end = new Date(now.getTime() + validityDays * DAY_MS);
  if (end.getTime() > issuerNotAfter.getTime()) {
    throw new HallnetError('ERR_CERT_INVALID', `validity would outlast the issuer (${issuerNotAfter.toISOString()})`);
  }
  return end;
}

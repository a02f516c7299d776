import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { crossCertify } from '../../identity/index.js';
import { certificateDocId, HallnetError, type CertificateDoc } from '../../sync/index.js';
import { keyIdOf } from '../../sync/node-only.js';

/**
 * A district's root certificate as the city publishes it (a `certificate` document of the city,
 * issued from outside the district): what lets a hall of one district check, offline, who signed
 * the events of a case that comes from another district. The city hub publishes one per district
 * it enrolled, carrying its certification by the city root (`cityCa`, `crossCertify`: the same
 * certificate at every start), which is what a hall of another district checks it by; and its own
 * root (`district` = the city, no certification: halls know the city's key from their own
 * district's pin, `cityPinDoc`). District hubs bring them down to their halls. Its `name` is the
 * district's own (东城区, given at `hallnet city enroll`), what the city's pages show; a district
 * enrolled before names were given goes by its slug.
 */
export function districtRootDoc(
  city: string,
  district: string,
  rootPem: string,
  now: Date,
  cityCa?: { keyPem: string; chainPem: string[] },
  districtName?: string,
): CertificateDoc {
  const cityCertPem =
    cityCa && district !== city
      ? crossCertify({ subjectPem: rootPem, issuerCertPem: cityCa.chainPem[0]!, issuerKeyPem: cityCa.keyPem })
      : undefined;
  return {
    ...certificateDocOf(rootPem, {
      scope: city,
      org: district,
      issuerOrg: city,
      name: district === city ? `${city} root` : (districtName ?? district),
      by: '市级平台',
      now,
    }),
    ...(cityCertPem ? { cityCertPem } : {}),
  };
}

/** A district's name as the city shows it (东城区): what `hallnet city enroll --name` takes. */
export const districtNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\p{Cc}/]+$/u, 'no control characters or slashes / 不能含控制字符或斜杠');

/**
 * The city root as a district pinned it when it enrolled with the city: the district root's
 * certification of the city root (`crossCertify`, made at enrolment with the district CA's key),
 * published by the district hub to its halls. A hall takes the city's key, and the districts the
 * city certifies, from this document only: one its own root signed.
 */
export function cityPinDoc(district: string, pinPem: string, now: Date): CertificateDoc {
  const city = /URI:urn:hallnet:org:([^,\s]+)/.exec(new X509Certificate(pinPem).subjectAltName ?? '')?.[1];
  if (!city) throw new HallnetError('ERR_CONFIG', 'the pin of the city root names no city');
  return certificateDocOf(pinPem, {
    scope: district,
    org: city,
    issuerOrg: district,
    name: `${city} root, pinned`,
    by: '区级平台',
    now,
  });
}

/** The replicated document of one certificate, its indexed fields read from the certificate itself (level 4: a district's, or a department's). */
export function certificateDocOf(
  certPem: string,
  o: { scope: string; org: string; issuerOrg: string; name: string; by: string; now: Date },
): CertificateDoc {
  const x509 = new X509Certificate(certPem);
  const hex = x509.serialNumber.toLowerCase();
  const serial = hex.length % 2 ? `0${hex}` : hex;
  return {
    _id: certificateDocId(serial),
    type: 'certificate',
    scope: o.scope,
    parties: [o.scope],
    author: { id: 'hub', name: o.by, org: o.scope },
    at: o.now.toISOString(),
    org: o.org,
    level: 4,
    name: o.name,
    serial,
    fingerprint: x509.fingerprint256.replaceAll(':', '').toLowerCase(),
    kid: keyIdOf(x509.publicKey),
    certPem: `${certPem.trim()}\n`,
    issuerOrg: o.issuerOrg,
    notAfter: new Date(x509.validTo).toISOString(),
  };
}

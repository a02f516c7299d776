import { X509Certificate } from 'node:crypto';
import { certificateDocId, type CertificateDoc } from '../../sync/index.js';
import { keyIdOf } from '../../sync/node-only.js';

/**
 * A district's root certificate as the city publishes it (a `certificate` document of the city,
 * issued from outside the district): what lets a hall of one district check, offline, who signed
 * the events of a case that comes from another district. The city hub publishes one per district
 * it enrolled, and its own root (`district` = the city: what its catalogue's signatures verify
 * from); district hubs bring them down to their halls.
 */
export function districtRootDoc(city: string, district: string, rootPem: string, now: Date): CertificateDoc {
  const x509 = new X509Certificate(rootPem);
  const hex = x509.serialNumber.toLowerCase();
  const serial = hex.length % 2 ? `0${hex}` : hex;
  return {
    _id: certificateDocId(serial),
    type: 'certificate',
    scope: city,
    parties: [city],
    author: { id: 'hub', name: '市级平台', org: city },
    at: now.toISOString(),
    org: district,
    level: 4,
    name: `${district} root`,
    serial,
    fingerprint: x509.fingerprint256.replaceAll(':', '').toLowerCase(),
    kid: keyIdOf(x509.publicKey),
    certPem: `${rootPem.trim()}\n`,
    issuerOrg: city,
    notAfter: new Date(x509.validTo).toISOString(),
  };
}

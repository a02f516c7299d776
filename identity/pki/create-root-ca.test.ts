import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRootCa } from './create-root-ca.js';
import { DAY, expectCode, NOW } from './test-fixtures.js';

describe('createRootCa', () => {
  let keyPem: string;
  let cert: forge.pki.Certificate;
  beforeAll(() => {
    const ca = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: NOW, validityDays: 3650 });
    keyPem = ca.keyPem;
    cert = forge.pki.certificateFromPem(ca.certPem);
  });

  it('is self-signed by its own 2048-bit RSA key', () => {
    expect(cert.verify(cert)).toBe(true);
    const key = forge.pki.privateKeyFromPem(keyPem);
    expect((cert.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n)).toBe(true);
    expect(key.n.bitLength()).toBe(2048);
    expect(keyPem).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('is a CA that may only sign certificates and CRLs, with room for one street below it', () => {
    expect(cert.getExtension('basicConstraints')).toMatchObject({ critical: true, cA: true, pathLenConstraint: 1 });
    expect(cert.getExtension('keyUsage')).toMatchObject({
      critical: true,
      keyCertSign: true,
      cRLSign: true,
      digitalSignature: false,
    });
  });

  it('names the district in a SAN URI and carries no level', () => {
    const san = cert.getExtension('subjectAltName') as { altNames: { type: number; value: string }[] };
    expect(san.altNames).toEqual([{ type: 6, value: 'urn:hallnet:org:dongcheng' }]);
  });

  it('runs from a little before now to now + validityDays, with a random positive 16-octet serial', () => {
    expect(cert.validity.notBefore.getTime()).toBeLessThan(NOW.getTime());
    expect(cert.validity.notAfter.getTime()).toBe(NOW.getTime() + 3650 * DAY);
    expect(cert.serialNumber).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(cert.signatureOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
  });

  it('refuses a district that is not a single slug, and an empty name', async () => {
    await expectCode(() => createRootCa({ district: 'dongcheng/jingshan', name: 'x' }), 'ERR_CERT_INVALID');
    await expectCode(() => createRootCa({ district: 'Dong Cheng', name: 'x' }), 'ERR_CERT_INVALID');
    await expectCode(() => createRootCa({ district: 'dongcheng', name: ' ' }), 'ERR_CERT_INVALID');
    await expectCode(() => createRootCa({ district: 'dongcheng', name: 'x', validityDays: 0 }), 'ERR_CERT_INVALID');
  });
});

import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCsr } from './create-csr.js';
import { createNodeKey } from './create-node-key.js';
import { issueCertificate } from './issue-certificate.js';
import { nodeAltNames } from './lib/node-uri.js';
import { days, expectCode, makePki, NOW, type Pki } from './test-fixtures.js';

type Ext = Record<string, unknown> & { altNames?: { type: number; value: string }[] };
const ext = (pem: string, name: string) => forge.pki.certificateFromPem(pem).getExtension(name) as Ext | undefined;

describe('issueCertificate', () => {
  let pki: Pki;
  let key: string;
  const csr = (org: string, level: 4 | 5 | 6, name = 'x') => createCsr({ keyPem: key, org, level, name });
  const byRoot = (csrPem: string, more = {}) =>
    issueCertificate({ csrPem, issuerCertPem: pki.root.certPem, issuerKeyPem: pki.root.keyPem, now: NOW, ...more });
  const byStreet = (csrPem: string, more = {}) =>
    issueCertificate({ csrPem, issuerCertPem: pki.street.certPem, issuerKeyPem: pki.street.keyPem, now: NOW, ...more });

  beforeAll(() => {
    pki = makePki();
    key = createNodeKey();
  });

  it('gives a street a CA certificate with pathLen 0, its org and level as SAN URIs', () => {
    const pem = byRoot(csr('dongcheng/jingshan', 5, '景山街道'));
    const cert = forge.pki.certificateFromPem(pem);
    expect(forge.pki.certificateFromPem(pki.root.certPem).verify(cert)).toBe(true);
    expect(ext(pem, 'basicConstraints')).toMatchObject({ critical: true, cA: true, pathLenConstraint: 0 });
    expect(ext(pem, 'keyUsage')).toMatchObject({ digitalSignature: true, keyCertSign: true });
    expect(ext(pem, 'subjectAltName')!.altNames).toEqual(nodeAltNames('dongcheng/jingshan', 5));
    expect(forge.util.decodeUtf8(cert.subject.getField('CN').value)).toBe('景山街道');
  });

  it('lets the root certify the district center at its own path and departments under dept/, not as CAs', () => {
    for (const [org, level] of [
      ['dongcheng', 4],
      ['dongcheng/dept/health', 4],
    ] as const) {
      const pem = byRoot(csr(org, level));
      expect(ext(pem, 'basicConstraints')).toMatchObject({ cA: false });
      expect(ext(pem, 'keyUsage')).toMatchObject({ digitalSignature: true, keyCertSign: false });
      expect(ext(pem, 'subjectAltName')!.altNames).toEqual(nodeAltNames(org, level));
    }
  });

  it('lets a street certify its own communities, as non-CA certificates', () => {
    const pem = byStreet(csr('dongcheng/jingshan/huangchenggen', 6));
    expect(forge.pki.certificateFromPem(pki.street.certPem).verify(forge.pki.certificateFromPem(pem))).toBe(true);
    expect(ext(pem, 'basicConstraints')).toMatchObject({ cA: false });
  });

  // Decision (see assertMayIssue): the root may certify a community directly.
  it('lets the root certify a community directly', () => {
    expect(ext(byRoot(csr('dongcheng/jingshan/huangchenggen', 6)), 'basicConstraints')).toMatchObject({ cA: false });
  });

  it("refuses a street certifying another street's community, a street, or itself", async () => {
    await expectCode(() => byStreet(csr('dongcheng/donghuamen/nanchizi', 6)), 'ERR_CERT_INVALID', /strictly inside/);
    await expectCode(() => byStreet(csr('dongcheng/donghuamen', 5)), 'ERR_CERT_INVALID');
    await expectCode(() => byStreet(csr('dongcheng/jingshan', 5)), 'ERR_CERT_INVALID');
    await expectCode(() => byStreet(csr('dongcheng/dept/health', 4)), 'ERR_CERT_INVALID');
  });

  it('refuses a community or the center acting as a CA', async () => {
    const community = { issuerCertPem: pki.community.certPem, issuerKeyPem: pki.community.keyPem };
    await expectCode(
      () => issueCertificate({ csrPem: csr('dongcheng/jingshan/huangchenggen', 6), ...community, now: NOW }),
      'ERR_CERT_INVALID',
      /not a certificate authority/,
    );
    const centerKey = key;
    const center = { issuerCertPem: byRoot(csr('dongcheng', 4)), issuerKeyPem: centerKey };
    await expectCode(
      () => issueCertificate({ csrPem: csr('dongcheng/jingshan', 5), ...center, now: NOW }),
      'ERR_CERT_INVALID',
    );
  });

  it("refuses an organisation outside the root's district", async () => {
    await expectCode(() => byRoot(csr('xicheng/jinrongjie', 5)), 'ERR_CERT_INVALID', /outside/);
    await expectCode(() => byRoot(csr('dongchengx', 4)), 'ERR_CERT_INVALID');
  });

  it('refuses a request whose level does not fit its path', async () => {
    await expectCode(
      () => byRoot(forgedCsr(key, nodeAltNames('dongcheng/jingshan', 6))),
      'ERR_CERT_INVALID',
      /level 6/,
    );
    await expectCode(
      () => byRoot(forgedCsr(key, nodeAltNames('dongcheng/jingshan/huangchenggen', 5))),
      'ERR_CERT_INVALID',
    );
    await expectCode(() => byRoot(forgedCsr(key, nodeAltNames('dongcheng/jingshan'))), 'ERR_CERT_INVALID');
  });

  it('refuses a request naming two organisations', async () => {
    const two = [...nodeAltNames('dongcheng/jingshan', 5), ...nodeAltNames('dongcheng/donghuamen')];
    await expectCode(() => byRoot(forgedCsr(key, two)), 'ERR_CERT_INVALID', /exactly one organisation/);
  });

  it('ignores CA rights asked for in the request', () => {
    const pem = byStreet(
      forgedCsr(key, nodeAltNames('dongcheng/jingshan/huangchenggen', 6), [
        { name: 'basicConstraints', critical: true, cA: true },
      ]),
    );
    expect(ext(pem, 'basicConstraints')).toMatchObject({ cA: false });
  });

  it('refuses a request whose signature does not verify', async () => {
    const der = forge.pem.decode(csr('dongcheng/jingshan', 5))[0]!.body;
    // same length, other street: the org changes under the requester's signature
    const moved = der.replace('org:dongcheng/jingshan', 'org:dongcheng/donghuam');
    expect(moved).not.toBe(der);
    const tampered = forge.pem.encode({ type: 'CERTIFICATE REQUEST', body: moved });
    await expectCode(() => byRoot(tampered), 'ERR_CERT_INVALID', /signature/);
    await expectCode(() => byRoot('not a csr'), 'ERR_CERT_INVALID');
  });

  it('refuses an issuer key that does not belong to the issuer certificate', async () => {
    await expectCode(
      () =>
        issueCertificate({
          csrPem: csr('dongcheng/jingshan', 5),
          issuerCertPem: pki.root.certPem,
          issuerKeyPem: key,
          now: NOW,
        }),
      'ERR_CONFIG',
    );
  });

  it('never lets a certificate outlast its issuer', async () => {
    const streetEnd = forge.pki.certificateFromPem(pki.street.certPem).validity.notAfter;
    const pem = byStreet(csr('dongcheng/jingshan/huangchenggen', 6), { now: days(300) });
    expect(forge.pki.certificateFromPem(pem).validity.notAfter.getTime()).toBe(streetEnd.getTime());
    await expectCode(
      () => byStreet(csr('dongcheng/jingshan/huangchenggen', 6), { now: days(300), validityDays: 365 }),
      'ERR_CERT_INVALID',
      /outlast/,
    );
    const short = byStreet(csr('dongcheng/jingshan/huangchenggen', 6), { validityDays: 30 });
    expect(forge.pki.certificateFromPem(short).validity.notAfter.getTime()).toBe(days(30).getTime());
  });

  it('refuses to issue with an issuer that has expired', async () => {
    await expectCode(
      () => byStreet(csr('dongcheng/jingshan/huangchenggen', 6), { now: days(400) }),
      'ERR_CERT_EXPIRED',
    );
  });

  it('uses random positive 128-bit serials, or the one given', async () => {
    const req = csr('dongcheng/jingshan/huangchenggen', 6);
    const serials = new Set(Array.from({ length: 10 }, () => forge.pki.certificateFromPem(byStreet(req)).serialNumber));
    expect(serials.size).toBe(10);
    for (const s of serials) expect(s).toMatch(/^(0[1-9a-f]|[1-7][0-9a-f])[0-9a-f]{30}$/);
    expect(forge.pki.certificateFromPem(byStreet(req, { serial: '0a1b' })).serialNumber).toBe('0a1b');
    await expectCode(() => byStreet(req, { serial: '80' }), 'ERR_CERT_INVALID');
    await expectCode(() => byStreet(req, { serial: '00' }), 'ERR_CERT_INVALID');
  });
});

/** A CSR made straight with forge, so it can ask for what createCsr would refuse. */
function forgedCsr(keyPem: string, altNames: unknown[], extra: object[] = []): string {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  csr.setSubject([{ shortName: 'CN', value: 'forged' }]);
  csr.setAttributes([{ name: 'extensionRequest', extensions: [{ name: 'subjectAltName', altNames }, ...extra] }]);
  csr.sign(key, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}

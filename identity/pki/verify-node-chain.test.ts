import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCsr } from './create-csr.js';
import { createRootCa } from './create-root-ca.js';
import { issueCertificate } from './issue-certificate.js';
import { craftCert, days, expectCode, makePki, NOW, type Pki } from './test-fixtures.js';
import { verifyNodeChain } from './verify-node-chain.js';

const serialOf = (pem: string) => forge.pki.certificateFromPem(pem).serialNumber;

describe('verifyNodeChain', () => {
  let pki: Pki;
  let rootPem: string;
  const verify = (chainPem: string[], more: { now?: Date; isRevoked?: (s: string) => boolean } = {}) =>
    verifyNodeChain({ chainPem, rootPem, now: NOW, ...more });
  const issue = (
    issuer: { certPem: string; keyPem: string },
    keyPem: string,
    org: string,
    level: 4 | 5 | 6,
    now = NOW,
  ) =>
    issueCertificate({
      csrPem: createCsr({ keyPem, org, level, name: org }),
      issuerCertPem: issuer.certPem,
      issuerKeyPem: issuer.keyPem,
      now,
    });

  beforeAll(() => {
    pki = makePki();
    rootPem = pki.root.certPem;
  });

  it('verifies district → street → community, with or without the root at the end', () => {
    const chain = [pki.community.certPem, pki.street.certPem];
    const who = verify(chain);
    expect(who).toEqual({
      org: 'dongcheng/jingshan/huangchenggen',
      level: 6,
      name: '皇城根社区',
      serial: serialOf(pki.community.certPem),
      fingerprint: new X509Certificate(pki.community.certPem).fingerprint256.replaceAll(':', '').toLowerCase(),
      chain: expect.any(Array),
      chainSerials: [serialOf(pki.community.certPem), serialOf(pki.street.certPem)],
    });
    // The verified links themselves, leaf first and the root left out, for whoever checks the leaf's signatures later.
    expect(who.chain.map((pem) => new X509Certificate(pem).fingerprint256)).toEqual(
      chain.map((pem) => new X509Certificate(pem).fingerprint256),
    );
    expect(verify([...chain, rootPem])).toEqual(who);
  });

  it('verifies a street, the center and a department certified by the root', () => {
    expect(verify([pki.street.certPem])).toMatchObject({ org: 'dongcheng/jingshan', level: 5, name: '景山街道' });
    expect(verify([issue(pki.root, pki.community.keyPem, 'dongcheng', 4)])).toMatchObject({
      org: 'dongcheng',
      level: 4,
    });
    expect(verify([issue(pki.root, pki.community.keyPem, 'dongcheng/dept/health', 4)])).toMatchObject({ level: 4 });
  });

  // Decision (see assertMayIssue): the root may certify a community directly.
  it('verifies a community certified directly by the root', () => {
    const pem = issue(pki.root, pki.community.keyPem, 'dongcheng/jingshan/huangchenggen', 6);
    expect(verify([pem])).toMatchObject({ org: 'dongcheng/jingshan/huangchenggen', level: 6 });
  });

  it('refuses an expired certificate, and an expired middle link', async () => {
    await expectCode(() => verify([pki.community.certPem, pki.street.certPem], { now: days(400) }), 'ERR_CERT_EXPIRED');
    const oldStreet = {
      certPem: craftCert({
        issuer: pki.root,
        subjectKeyPem: pki.street.keyPem,
        org: 'dongcheng/jingshan',
        level: 5,
        ca: true,
        pathLen: 0,
        notAfter: days(-1),
      }),
      keyPem: pki.street.keyPem,
    };
    const community = craftCert({
      issuer: oldStreet,
      subjectKeyPem: pki.community.keyPem,
      org: 'dongcheng/jingshan/huangchenggen',
      level: 6,
    });
    await expectCode(() => verify([community, oldStreet.certPem]), 'ERR_CERT_EXPIRED', /chain\[1\]/);
  });

  it('refuses a certificate that is not yet valid', async () => {
    const later = issue(pki.street, pki.community.keyPem, 'dongcheng/jingshan/huangchenggen', 6, days(10));
    await expectCode(() => verify([later, pki.street.certPem]), 'ERR_CERT_INVALID', /not valid before/);
  });

  it('refuses a chain with a revoked middle link or a revoked leaf, asking about every link', async () => {
    const asked: string[] = [];
    verify([pki.community.certPem, pki.street.certPem], { isRevoked: (s) => (asked.push(s), false) });
    expect(asked).toEqual([serialOf(pki.community.certPem), serialOf(pki.street.certPem)]);
    const streetSerial = serialOf(pki.street.certPem);
    await expectCode(
      () => verify([pki.community.certPem, pki.street.certPem], { isRevoked: (s) => s === streetSerial }),
      'ERR_CERT_REVOKED',
      /chain\[1\]/,
    );
    const leafSerial = serialOf(pki.community.certPem);
    await expectCode(
      () => verify([pki.community.certPem, pki.street.certPem], { isRevoked: (s) => s === leafSerial }),
      'ERR_CERT_REVOKED',
    );
  });

  it("refuses a chain from another district's root", async () => {
    const xStreet = issue(pki.otherRoot, pki.street.keyPem, 'xicheng/jinrongjie', 5);
    await expectCode(() => verify([xStreet]), 'ERR_CERT_INVALID', /not signed by root/);
    await expectCode(() => verify([xStreet, pki.otherRoot.certPem]), 'ERR_CERT_INVALID');
  });

  it('refuses a chain from an impostor root with the same name and district', async () => {
    const impostor = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: days(-30) });
    const street = issue(impostor, pki.street.keyPem, 'dongcheng/jingshan', 5);
    await expectCode(() => verify([street]), 'ERR_CERT_INVALID', /not signed by root/);
    await expectCode(() => verify([street, impostor.certPem]), 'ERR_CERT_INVALID');
  });

  it('refuses a tampered certificate', async () => {
    const der = forge.pem.decode(pki.community.certPem)[0]!.body;
    const moved = der.replace('jingshan/huangchenggen', 'jingshan/huangchenggex');
    expect(moved).not.toBe(der);
    const tampered = forge.pem.encode({ type: 'CERTIFICATE', body: moved });
    await expectCode(() => verify([tampered, pki.street.certPem]), 'ERR_CERT_INVALID', /not signed by chain\[1\]/);
  });

  it('refuses a level that does not fit the path, even when the root signed it', async () => {
    const key = pki.community.keyPem;
    for (const [org, level] of [
      ['dongcheng/jingshan', 6],
      ['dongcheng/jingshan/huangchenggen', 4],
      ['dongcheng/dept/health', 5],
    ] as const) {
      await expectCode(
        () => verify([craftCert({ issuer: pki.root, subjectKeyPem: key, org, level })]),
        'ERR_CERT_INVALID',
        /does not fit/,
      );
    }
    await expectCode(
      () => verify([craftCert({ issuer: pki.root, subjectKeyPem: key, org: 'dongcheng/jingshan/huangchenggen' })]),
      'ERR_CERT_INVALID',
    );
    await expectCode(
      () => verify([craftCert({ issuer: pki.root, subjectKeyPem: key, org: 'dongcheng/a/b/c', level: 6 })]),
      'ERR_CERT_INVALID',
    );
  });

  it("refuses a street's certificate for another street's community", async () => {
    const pem = craftCert({
      issuer: pki.street,
      subjectKeyPem: pki.community.keyPem,
      org: 'dongcheng/donghuamen/nanchizi',
      level: 6,
    });
    await expectCode(() => verify([pem, pki.street.certPem]), 'ERR_CERT_INVALID', /strictly inside/);
  });

  it('refuses a certificate issued by a community, which is not a CA', async () => {
    const rootCommunity = {
      certPem: issue(pki.root, pki.community.keyPem, 'dongcheng/jingshan/huangchenggen', 6),
      keyPem: pki.community.keyPem,
    };
    const pem = craftCert({
      issuer: rootCommunity,
      subjectKeyPem: pki.street.keyPem,
      org: 'dongcheng/jingshan/huangchenggen',
      level: 6,
    });
    await expectCode(() => verify([pem, rootCommunity.certPem]), 'ERR_CERT_INVALID', /not a certificate authority/);
    // under a street the same attempt is one link too many
    const deep = craftCert({
      issuer: pki.community,
      subjectKeyPem: pki.street.keyPem,
      org: 'dongcheng/jingshan/huangchenggen',
      level: 6,
    });
    await expectCode(() => verify([deep, pki.community.certPem, pki.street.certPem]), 'ERR_CERT_INVALID');
  });

  it('refuses CA rights where the tree allows none: a CA community, a street without pathLen 0', async () => {
    const caCommunity = craftCert({
      issuer: pki.street,
      subjectKeyPem: pki.community.keyPem,
      org: 'dongcheng/jingshan/huangchenggen',
      level: 6,
      ca: true,
    });
    await expectCode(() => verify([caCommunity, pki.street.certPem]), 'ERR_CERT_INVALID', /may not be a CA/);
    const wideStreet = craftCert({
      issuer: pki.root,
      subjectKeyPem: pki.street.keyPem,
      org: 'dongcheng/jingshan',
      level: 5,
      ca: true,
    });
    await expectCode(() => verify([wideStreet]), 'ERR_CERT_INVALID', /pathLen 0/);
    const centerCa = craftCert({
      issuer: pki.root,
      subjectKeyPem: pki.street.keyPem,
      org: 'dongcheng',
      level: 4,
      ca: true,
      pathLen: 0,
    });
    await expectCode(() => verify([centerCa]), 'ERR_CERT_INVALID', /may not be a CA/);
  });

  it('refuses a SHA-1 signature', async () => {
    const pem = craftCert({
      issuer: pki.root,
      subjectKeyPem: pki.street.keyPem,
      org: 'dongcheng/jingshan',
      level: 5,
      ca: true,
      pathLen: 0,
      md: forge.md.sha1.create(),
    });
    await expectCode(() => verify([pem]), 'ERR_CERT_INVALID', /signature algorithm/);
  });

  it('refuses malformed chains: empty, garbage, two certificates in one entry, wrong order, too long', async () => {
    await expectCode(() => verify([]), 'ERR_CERT_INVALID');
    await expectCode(() => verify(['garbage']), 'ERR_CERT_INVALID');
    await expectCode(() => verify([pki.community.certPem + pki.street.certPem]), 'ERR_CERT_INVALID', /exactly one/);
    await expectCode(() => verify([pki.street.certPem, pki.community.certPem]), 'ERR_CERT_INVALID');
    await expectCode(
      () => verify([pki.community.certPem, pki.street.certPem, pki.otherStreet.certPem]),
      'ERR_CERT_INVALID',
    );
    await expectCode(() => verify([rootPem]), 'ERR_CERT_INVALID');
  });

  it('treats a trusted root that is not a district root CA as misconfiguration', async () => {
    await expectCode(
      () => verifyNodeChain({ chainPem: [pki.street.certPem], rootPem: pki.street.certPem, now: NOW }),
      'ERR_CONFIG',
    );
    await expectCode(() => verifyNodeChain({ chainPem: [pki.street.certPem], rootPem: 'x', now: NOW }), 'ERR_CONFIG');
  });
});

import { describe, expect, it } from 'vitest';
import { createCsr } from './create-csr.js';
import { createNodeKey } from './create-node-key.js';
import { createRootCa } from './create-root-ca.js';
import { crossCertify, verifyCrossCertificate } from './cross-certify.js';
import { issueCertificate } from './issue-certificate.js';
import { expectCode, NOW } from './test-fixtures.js';

const city = createRootCa({ district: 'beijing', name: '北京市 CA', city: true, now: NOW });
const otherCity = createRootCa({ district: 'tianjin', name: '天津市 CA', city: true, now: NOW });
const xicheng = createRootCa({ district: 'xicheng', name: '西城区 CA', now: NOW });
const dongcheng = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: NOW });
/** 东城's root as its root node could make one up: the same name and organisation, another key. */
const fakeDongcheng = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: NOW });
const certify = (subject: { certPem: string }, issuer: { certPem: string; keyPem: string }) =>
  crossCertify({ subjectPem: subject.certPem, issuerCertPem: issuer.certPem, issuerKeyPem: issuer.keyPem });

describe('cross-certifying roots (跨区通办)', () => {
  // 西城 pins the city it enrolled with; the city certifies 东城's root.
  const pin = certify(city, xicheng);
  const dcByCity = certify(dongcheng, city);

  it("lets a hall of 西城 take 东城's root: its own root's pin of the city, the city's certification of 东城's root", () => {
    expect(verifyCrossCertificate({ certPem: pin, issuerPem: xicheng.certPem, now: NOW })).toEqual({
      org: 'beijing',
      city: true,
    });
    expect(
      verifyCrossCertificate({ certPem: dcByCity, issuerPem: pin, subjectPem: dongcheng.certPem, now: NOW }),
    ).toEqual({ org: 'dongcheng', city: false });
  });

  it('gives the same certificate for the same pair, so the city may sign it again at each start', () => {
    expect(certify(dongcheng, city)).toBe(dcByCity);
    expect(certify(xicheng, city)).not.toBe(dcByCity);
  });

  it("refuses a root made up under 东城's name, or certified by another city than the one 西城 pinned", async () => {
    await expectCode(
      () => verifyCrossCertificate({ certPem: dcByCity, issuerPem: pin, subjectPem: fakeDongcheng.certPem, now: NOW }),
      'ERR_CERT_INVALID',
      /not of the root of dongcheng/,
    );
    const byOtherCity = certify(fakeDongcheng, otherCity);
    await expectCode(
      () =>
        verifyCrossCertificate({ certPem: byOtherCity, issuerPem: pin, subjectPem: fakeDongcheng.certPem, now: NOW }),
      'ERR_CERT_INVALID',
      /not signed by/,
    );
    // Nor a pin another district's root made: 西城's halls trust only their own root's.
    await expectCode(
      () => verifyCrossCertificate({ certPem: certify(otherCity, dongcheng), issuerPem: xicheng.certPem, now: NOW }),
      'ERR_CERT_INVALID',
      /not signed by/,
    );
  });

  it('certifies only a district by a city and a city by a district: not a district by a district, a city by a city, a hall, or itself', async () => {
    await expectCode(() => certify(dongcheng, xicheng), 'ERR_CERT_INVALID', /certifies its city root only/);
    await expectCode(() => certify(otherCity, city), 'ERR_CERT_INVALID', /certifies district roots only/);
    await expectCode(() => certify(city, city), 'ERR_CERT_INVALID', /does not certify itself/);
    const hall = issueCertificate({
      csrPem: createCsr({ keyPem: createNodeKey(), org: 'xicheng/jinrongjie', level: 5, name: '金融街街道' }),
      issuerCertPem: xicheng.certPem,
      issuerKeyPem: xicheng.keyPem,
      now: NOW,
    });
    await expectCode(() => certify({ certPem: hall }, city), 'ERR_CERT_INVALID', /not a root CA/);
    // A street CA of 西城 cannot pin a city for 西城's halls.
    await expectCode(
      () => verifyCrossCertificate({ certPem: pin, issuerPem: hall, now: NOW }),
      'ERR_CERT_INVALID',
      /issuer is not a root CA/,
    );
  });
});

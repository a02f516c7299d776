import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateDocOf, cityPinDoc, districtRootDoc } from '../../hub/city/district-root-doc.js';
import { SignerKeys } from '../../node/auth/signer-keys.js';
import { createCsr, createNodeKey, createRootCa, crossCertify, issueCertificate } from '../../identity/index.js';
import { docProofInput, type CertificateDoc } from '../../sync/index.js';
import { keyIdOf, NodeSigner } from '../../sync/node-only.js';

// 跨区通办: a 西城 hall checks the events a 东城 hall signed from 东城's root. That root comes down
// from the city, but 西城's own root node may write certificate documents into 西城's store too.
// The hall takes a foreign root only with the certification of the city its own district pinned
// at enrolment (a certification 西城's root key signed), so a root node, which holds no CA key,
// plants nothing its halls believe.
const NOW = new Date();
const city = createRootCa({ district: 'beijing', name: '北京市 CA', city: true, now: NOW });
const xicheng = createRootCa({ district: 'xicheng', name: '西城区 CA', now: NOW });
const dongcheng = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: NOW });

const DC_DEPT = 'dongcheng/dept/police';

/** A node certificate of `org` from `issuer`, with its key: what a hall holds. */
function hall(issuer: { certPem: string; keyPem: string }, org: string) {
  const keyPem = createNodeKey();
  const certPem = issueCertificate({
    csrPem: createCsr({ keyPem, org, level: 4, name: org }),
    issuerCertPem: issuer.certPem,
    issuerKeyPem: issuer.keyPem,
    now: NOW,
  });
  return { keyPem, certPem, signer: new NodeSigner(keyPem) };
}

/** The certificate document of a 东城 department, as its hub publishes it and the city relays it. */
const hallDoc = (certPem: string, org: string): CertificateDoc =>
  certificateDocOf(certPem, { scope: 'dongcheng', org, issuerOrg: 'dongcheng', name: org, by: '区级平台', now: NOW });

/** A 西城 community's keys, as its replica fills them. */
function xichengHall(): SignerKeys {
  const own = new NodeSigner(createNodeKey());
  return new SignerKeys(
    () => xicheng.certPem,
    { signer: own, org: 'xicheng/jinrongjie/fengsheng' },
    () => new Date(),
  );
}

/** Whether the hall takes a signature of `signer` as the work of `org`. */
const believes = (keys: SignerKeys, signer: NodeSigner, org: string) => {
  const doc = { decided: 'case:1 completed' };
  const { proof } = signer.prove(doc);
  return keys.orgOf(signer.kid) === org && keys.verify(signer.kid, docProofInput(doc, signer.kid), proof.sig);
};

const pin = cityPinDoc(
  'xicheng',
  crossCertify({ subjectPem: city.certPem, issuerCertPem: xicheng.certPem, issuerKeyPem: xicheng.keyPem }),
  NOW,
);
const genuineRoot = districtRootDoc('beijing', 'dongcheng', dongcheng.certPem, NOW, {
  keyPem: city.keyPem,
  chainPem: [city.certPem],
});
const genuineDept = hall(dongcheng, DC_DEPT);

describe('a 西城 hall and the roots of other districts in its replica', () => {
  it("takes 东城's root as the city certified it, once its own district's pin of the city is there, in either order", () => {
    const keys = xichengHall();
    keys.addCertificate(genuineRoot);
    keys.addCertificate(hallDoc(genuineDept.certPem, DC_DEPT));
    expect(believes(keys, genuineDept.signer, DC_DEPT)).toBe(false);
    expect(keys.addCertificate(pin)).toBe(true);
    expect(believes(keys, genuineDept.signer, DC_DEPT)).toBe(true);
  });

  it("refuses a 东城 root its own root node planted: self-signed, or carrying the city's certification of the genuine one", () => {
    const fake = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: NOW });
    const dept = hall(fake, DC_DEPT);
    const planted = districtRootDoc('beijing', 'dongcheng', fake.certPem, NOW);
    for (const root of [planted, { ...planted, cityCertPem: genuineRoot.cityCertPem }]) {
      const keys = xichengHall();
      for (const d of [pin, root, hallDoc(dept.certPem, DC_DEPT)]) keys.addCertificate(d);
      expect(believes(keys, dept.signer, DC_DEPT)).toBe(false);
    }
  });

  it('refuses a city of its own making: its root, its pin signed by itself or by a made-up 西城 root, and what it certifies', () => {
    const fakeCity = createRootCa({ district: 'beijing', name: '北京市 CA', city: true, now: NOW });
    const fakeXicheng = createRootCa({ district: 'xicheng', name: '西城区 CA', now: NOW });
    const fake = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: NOW });
    const dept = hall(fake, DC_DEPT);
    const certified = districtRootDoc('beijing', 'dongcheng', fake.certPem, NOW, {
      keyPem: fakeCity.keyPem,
      chainPem: [fakeCity.certPem],
    });
    const pinByFake = cityPinDoc(
      'xicheng',
      crossCertify({
        subjectPem: fakeCity.certPem,
        issuerCertPem: fakeXicheng.certPem,
        issuerKeyPem: fakeXicheng.keyPem,
      }),
      NOW,
    );
    const keys = xichengHall();
    const cityRoot = districtRootDoc('beijing', 'beijing', fakeCity.certPem, NOW);
    // None of them makes a key known (what the replica rechecks its cases on).
    for (const d of [cityRoot, pinByFake, certified]) expect(keys.addCertificate(d)).toBe(false);
    keys.addCertificate(hallDoc(dept.certPem, DC_DEPT));
    expect(believes(keys, dept.signer, DC_DEPT)).toBe(false);
    // The made-up city's key signs no catalogue the hall takes.
    expect(keys.orgOf(keyIdOf(new X509Certificate(fakeCity.certPem).publicKey))).toBeUndefined();
    // With the genuine pin as well, what the made-up city certified is still refused; the genuine city's key is known.
    keys.addCertificate(pin);
    expect(believes(keys, dept.signer, DC_DEPT)).toBe(false);
    expect(keys.orgOf(keyIdOf(new X509Certificate(city.certPem).publicKey))).toBe('beijing');
  });
});

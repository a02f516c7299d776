import { describe, expect, it } from 'vitest';
import { certificateDocOf } from '../../hub/city/district-root-doc.js';
import { createCsr, createNodeKey, createRootCa, issueCertificate } from '../../identity/index.js';
import { caseHeaderOf, checkWrite, docProofInput, eventSigningInput, type CaseDoc } from '../../sync/index.js';
import { NodeSigner } from '../../sync/node-only.js';
import { context, HCG, newCase, signer, writer } from '../../sync/write-rule/rule-test-kit.js';
import { SignerKeys } from './signer-keys.js';

// A node verifies its own new signatures several times per case, and each time after the first is
// answered from what it signed or verified lately. What is remembered is only that these exact
// bytes carry this signature: a document changed after signing, or a proof copied onto another
// document, is verified afresh and fails; trust and revocation are decided on every call.
const NOW = new Date();
const root = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: NOW });

/** A hall of the district: its key and the certificate document its hub publishes. */
function hall(org: string) {
  const keyPem = createNodeKey();
  const certPem = issueCertificate({
    csrPem: createCsr({ keyPem, org, level: org.split('/').length === 2 ? 5 : 6, name: org }),
    issuerCertPem: root.certPem,
    issuerKeyPem: root.keyPem,
    now: NOW,
  });
  const doc = certificateDocOf(certPem, {
    scope: 'dongcheng',
    org,
    issuerOrg: 'dongcheng',
    name: org,
    by: '区级平台',
    now: NOW,
  });
  return { signer: new NodeSigner(keyPem), doc };
}

describe('SignerKeys and NodeSigner with signatures remembered', () => {
  it('refuses a document changed after its proof was made and remembered, and a proof copied onto another document', () => {
    const own = signer(HCG);
    const keys = new SignerKeys(
      () => root.certPem,
      { signer: own, org: HCG },
      () => new Date(),
    );
    const doc = own.prove({ _id: 'notice:1', type: 'notice', to: '13800138000', text: '您的办件已受理' });
    const verifies = (d: typeof doc) => keys.verify(d.proof.kid, docProofInput(d, d.proof.kid), d.proof.sig);
    expect(own.proved(doc)).toBe(true);
    expect(verifies(doc)).toBe(true);

    const tampered = { ...doc, to: '13900139000' };
    expect(own.proved(tampered)).toBe(false);
    expect(verifies(tampered)).toBe(false);
    const copied = {
      ...own.prove({ _id: 'notice:2', type: 'notice', to: '13700137000', text: '另一条' }),
      proof: doc.proof,
    };
    expect(own.proved(copied)).toBe(false);
    expect(verifies(copied)).toBe(false);
    // Asked again, the genuine one still verifies and the tampered one still fails.
    expect(own.proved(doc)).toBe(true);
    expect(own.proved(tampered)).toBe(false);
  });

  it('refuses through the write rule a case whose acceptance this node signed, then changed (the applicant, the event)', async () => {
    const own = signer(HCG);
    const keys = new SignerKeys(
      () => root.certPem,
      { signer: own, org: HCG },
      () => new Date(),
    );
    const ctx = { ...context(), verify: (kid: string, input: string, sig: string) => keys.verify(kid, input, sig) };
    const doc = newCase(HCG);
    expect(await checkWrite(writer(HCG), doc, undefined, ctx)).toEqual({ ok: true });

    const otherApplicant: CaseDoc = { ...doc, applicant: { ...doc.applicant, name: '李四' } };
    const [accepted] = doc.events;
    const otherEvent = { ...doc, events: [{ ...accepted!, at: new Date(0).toISOString() }] } as CaseDoc;
    for (const changed of [otherApplicant, otherEvent]) {
      expect(await checkWrite(writer(HCG), changed, undefined, ctx)).toMatchObject({ ok: false });
      const e = changed.events[0]!;
      expect(keys.verify(e.kid, eventSigningInput(changed._id, e, caseHeaderOf(changed)), e.sig)).toBe(false);
    }
    expect(await checkWrite(writer(HCG), doc, undefined, ctx)).toEqual({ ok: true });
  });

  it("stops trusting another hall's signature it verified before, once that hall's certificate is revoked", () => {
    const own = hall('dongcheng/jingshan/huangchenggen');
    const other = hall('dongcheng/donghuamen');
    const keys = new SignerKeys(
      () => root.certPem,
      { signer: own.signer, org: own.doc.org },
      () => new Date(),
    );
    keys.addCertificate(other.doc);
    const doc = other.signer.prove({ _id: 'licence:1', type: 'licence', holder: '张三' });
    const input = docProofInput(doc, doc.proof.kid);
    expect(keys.verify(other.signer.kid, input, doc.proof.sig)).toBe(true);
    expect(keys.verify(other.signer.kid, input, doc.proof.sig)).toBe(true);

    const revokedAt = new Date(Date.now() - 60_000);
    keys.revoke(other.doc.serial, revokedAt.toISOString());
    expect(keys.verify(other.signer.kid, input, doc.proof.sig)).toBe(false);
    // What it signed before the revocation still counts, as before: the memo changes no answer.
    const before = new Date(revokedAt.getTime() - 60_000).toISOString();
    expect(keys.verify(other.signer.kid, input, doc.proof.sig, before)).toBe(true);
  });
});

// Shared by the *.test.ts files beside it; not exported from index.ts.
import forge from 'node-forge';
import { expect } from 'vitest';
import type { ErrorCode } from '../../sync/index.js';
import { HallnetError } from '../../sync/index.js';
import { createCsr } from './create-csr.js';
import { createNodeKey } from './create-node-key.js';
import { createRootCa } from './create-root-ca.js';
import { issueCertificate } from './issue-certificate.js';
import { nodeAltNames } from './lib/node-uri.js';

export const NOW = new Date('2026-03-02T08:00:00Z');
export const DAY = 86_400_000;
export const days = (n: number) => new Date(NOW.getTime() + n * DAY);

export interface Pki {
  root: { certPem: string; keyPem: string };
  otherRoot: { certPem: string; keyPem: string };
  street: { certPem: string; keyPem: string };
  otherStreet: { certPem: string; keyPem: string };
  community: { certPem: string; keyPem: string };
}

/**
 * Five RSA keys: the dongcheng root, its streets jingshan and donghuamen, the community
 * jingshan/huangchenggen (issued by its street), and the xicheng root.
 */
export function makePki(): Pki {
  const root = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: days(-30) });
  const otherRoot = createRootCa({ district: 'xicheng', name: '西城区 CA', now: days(-30) });
  const street = node(root, 'dongcheng/jingshan', 5, '景山街道');
  const otherStreet = node(root, 'dongcheng/donghuamen', 5, '东华门街道');
  const community = node(street, 'dongcheng/jingshan/huangchenggen', 6, '皇城根社区');
  return { root, otherRoot, street, otherStreet, community };
}

function node(issuer: { certPem: string; keyPem: string }, org: string, level: 4 | 5 | 6, name: string) {
  const keyPem = createNodeKey();
  const csrPem = createCsr({ keyPem, org, level, name });
  const certPem = issueCertificate({
    csrPem,
    issuerCertPem: issuer.certPem,
    issuerKeyPem: issuer.keyPem,
    validityDays: 365,
    now: days(-10),
  });
  return { certPem, keyPem };
}

export interface CraftOptions {
  issuer: { certPem: string; keyPem: string };
  subjectKeyPem: string;
  org: string;
  level?: 4 | 5 | 6;
  ca?: boolean;
  pathLen?: number;
  notBefore?: Date;
  notAfter?: Date;
  md?: forge.md.MessageDigest;
  name?: string;
}

/**
 * Signs whatever certificate an attacker holding `issuer`'s key would make, skipping every rule
 * issueCertificate enforces, so the verifier's own checks can be tested.
 */
export function craftCert(o: CraftOptions): string {
  const issuer = forge.pki.certificateFromPem(o.issuer.certPem);
  const subjectKey = forge.pki.privateKeyFromPem(o.subjectKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(subjectKey.n, subjectKey.e);
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = o.notBefore ?? days(-1);
  cert.validity.notAfter = o.notAfter ?? days(30);
  cert.setSubject([{ shortName: 'CN', value: o.name ?? 'crafted' }]);
  cert.setIssuer(
    issuer.subject.attributes.map((a) =>
      a.valueTagClass === (12 as forge.asn1.Class) ? { ...a, value: forge.util.decodeUtf8(a.value as string) } : a,
    ),
  );
  const ca = o.ca ?? false;
  cert.setExtensions([
    ca
      ? {
          name: 'basicConstraints',
          critical: true,
          cA: true,
          ...(o.pathLen === undefined ? {} : { pathLenConstraint: o.pathLen }),
        }
      : { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyCertSign: ca },
    { name: 'subjectAltName', altNames: nodeAltNames(o.org, o.level) },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(o.issuer.keyPem), o.md ?? forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** Asserts that `fn` throws (or rejects with) a HallnetError with `code`. */
export async function expectCode(fn: () => unknown, code: ErrorCode, message?: RegExp): Promise<void> {
  let thrown: unknown;
  try {
    await fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'expected an error').toBeInstanceOf(HallnetError);
  expect((thrown as HallnetError).code).toBe(code);
  if (message) expect((thrown as HallnetError).message).toMatch(message);
}

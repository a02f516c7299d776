import { describe, expect, it } from 'vitest';
import { certificateDocId, certificateSchema } from './certificate.js';

const PEM =
  '-----BEGIN CERTIFICATE-----\nMIID1jCCAr6gAwIBAgIQeNs08PIZ9n64JziflXKJ9TANBgkqhkiG9w0BAQsFADA0\n-----END CERTIFICATE-----\n';
const serial = '78db34f0f219f67eb827389f957289f5';

const doc = {
  _id: certificateDocId(serial),
  type: 'certificate',
  scope: 'dongcheng/jingshan',
  parties: ['dongcheng/jingshan'],
  author: { id: 'node:dongcheng/jingshan', org: 'dongcheng/jingshan' },
  at: '2026-03-02T08:00:00Z',
  org: 'dongcheng/jingshan/huangchenggen',
  level: 6,
  name: '皇城根社区',
  serial,
  fingerprint: 'aadefbe138cd3717974fdc86e9a37abeae1cd1d9e97fbe38dbf6bf1ff58d1b5a',
  kid: 'b'.repeat(64),
  certPem: PEM,
  issuerOrg: 'dongcheng/jingshan',
  notAfter: '2027-03-02T08:00:00Z',
};

describe('certificateSchema', () => {
  it('accepts a certificate document', () => {
    expect(certificateSchema.parse(doc)).toMatchObject({ org: doc.org, level: 6 });
    expect(certificateDocId(serial)).toBe(`certificate:${serial}`);
  });

  it('refuses a wrong type, level, serial, fingerprint, PEM or organisation', () => {
    for (const bad of [
      { type: 'grant' },
      { level: 7 },
      { serial: 'XYZ' },
      { serial: '78DB' },
      { fingerprint: 'abc' },
      { certPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' },
      { certPem: PEM + PEM },
      { org: 'Dongcheng' },
      { issuerOrg: '' },
      { notAfter: 'tomorrow' },
    ]) {
      expect(certificateSchema.safeParse({ ...doc, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

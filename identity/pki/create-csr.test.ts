import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCsr } from './create-csr.js';
import { createNodeKey } from './create-node-key.js';
import { expectCode } from './test-fixtures.js';

describe('createCsr', () => {
  let keyPem: string;
  beforeAll(() => {
    keyPem = createNodeKey();
  });

  it('is signed by the key and asks for the org and level as SAN URIs, with the name as CN', () => {
    const pem = createCsr({ keyPem, org: 'dongcheng/jingshan/huangchenggen', level: 6, name: '皇城根社区' });
    const csr = forge.pki.certificationRequestFromPem(pem);
    expect(csr.verify()).toBe(true);
    expect(csr.signatureOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
    const cn = csr.subject.getField('CN') as { value: string };
    expect(forge.util.decodeUtf8(cn.value)).toBe('皇城根社区');
    const exts = csr.getAttribute({ name: 'extensionRequest' })!.extensions!;
    expect(exts.find((e: { name: string }) => e.name === 'subjectAltName').altNames).toEqual([
      { type: 6, value: 'urn:hallnet:org:dongcheng/jingshan/huangchenggen' },
      { type: 6, value: 'urn:hallnet:level:6' },
    ]);
  });

  it('accepts each place a node can stand', () => {
    expect(() => createCsr({ keyPem, org: 'dongcheng', level: 4, name: '区中心' })).not.toThrow();
    expect(() => createCsr({ keyPem, org: 'dongcheng/dept/health', level: 4, name: '卫健委' })).not.toThrow();
    expect(() => createCsr({ keyPem, org: 'dongcheng/jingshan', level: 5, name: '景山街道' })).not.toThrow();
  });

  it('refuses a level that does not fit the path', async () => {
    await expectCode(
      () => createCsr({ keyPem, org: 'dongcheng/jingshan', level: 6, name: 'x' }),
      'ERR_CERT_INVALID',
      /level 6/,
    );
    await expectCode(
      () => createCsr({ keyPem, org: 'dongcheng/jingshan/hcg', level: 5, name: 'x' }),
      'ERR_CERT_INVALID',
    );
    await expectCode(
      () => createCsr({ keyPem, org: 'dongcheng/dept/health', level: 6, name: 'x' }),
      'ERR_CERT_INVALID',
    );
    await expectCode(() => createCsr({ keyPem, org: 'dongcheng/dept', level: 5, name: 'x' }), 'ERR_CERT_INVALID');
    await expectCode(() => createCsr({ keyPem, org: 'dongcheng/a/b/c', level: 6, name: 'x' }), 'ERR_CERT_INVALID');
  });

  it('refuses a malformed path, an empty name and a key that is not a key', async () => {
    await expectCode(() => createCsr({ keyPem, org: 'Dongcheng/../x', level: 5, name: 'x' }), 'ERR_CERT_INVALID');
    await expectCode(() => createCsr({ keyPem, org: 'dongcheng/jingshan', level: 5, name: '' }), 'ERR_CERT_INVALID');
    await expectCode(() => createCsr({ keyPem: 'nope', org: 'dongcheng/jingshan', level: 5, name: 'x' }), 'ERR_CONFIG');
  });
});

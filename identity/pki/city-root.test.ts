import { describe, expect, it } from 'vitest';
import { createCsr } from './create-csr.js';
import { createNodeKey } from './create-node-key.js';
import { createRootCa } from './create-root-ca.js';
import { issueCertificate } from './issue-certificate.js';
import { expectCode, NOW } from './test-fixtures.js';
import { verifyNodeChain } from './verify-node-chain.js';

const city = createRootCa({ district: 'beijing', name: '北京市 CA', city: true, now: NOW });
const issue = (issuer: { certPem: string; keyPem: string }, org: string, level: 4 | 5 | 6) =>
  issueCertificate({
    csrPem: createCsr({ keyPem: createNodeKey(), org, level, name: org }),
    issuerCertPem: issuer.certPem,
    issuerKeyPem: issuer.keyPem,
    now: NOW,
  });

describe('a city root (跨区通办)', () => {
  it('certifies a district hub, whose chain verifies from the city root and not from the district root', async () => {
    const hub = issue(city, 'xicheng', 4);
    expect(verifyNodeChain({ chainPem: [hub], rootPem: city.certPem, now: NOW })).toMatchObject({
      org: 'xicheng',
      level: 4,
    });
    const district = createRootCa({ district: 'xicheng', name: '西城区 CA', now: NOW });
    await expectCode(
      () => verifyNodeChain({ chainPem: [hub], rootPem: district.certPem, now: NOW }),
      'ERR_CERT_INVALID',
    );
  });

  it('certifies nothing below a district: not a street, a community or a department', async () => {
    for (const [org, level] of [
      ['xicheng/jinrongjie', 5],
      ['xicheng/jinrongjie/fengsheng', 6],
      ['xicheng/dept/police', 4],
    ] as const)
      await expectCode(() => issue(city, org, level), 'ERR_CERT_INVALID', /district hubs only/);
  });

  it('is not a district root: a district root still certifies only inside its own district', async () => {
    const district = createRootCa({ district: 'xicheng', name: '西城区 CA', now: NOW });
    await expectCode(() => issue(district, 'dongcheng', 4), 'ERR_CERT_INVALID', /outside/);
    expect(
      verifyNodeChain({ chainPem: [issue(district, 'xicheng/jinrongjie', 5)], rootPem: district.certPem, now: NOW })
        .org,
    ).toBe('xicheng/jinrongjie');
  });
});

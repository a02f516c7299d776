import { decodeJwt, decodeProtectedHeader } from 'jose';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { signNodeToken } from './sign-node-token.js';
import { expectCode, makePki, NOW, type Pki } from './test-fixtures.js';

describe('signNodeToken', () => {
  let pki: Pki;
  beforeAll(() => {
    pki = makePki();
  });

  it('signs RS256 with the chain as x5c (base64 DER, leaf first) and short-lived claims', async () => {
    const token = await signNodeToken({
      keyPem: pki.community.keyPem,
      chainPem: [pki.community.certPem, pki.street.certPem],
      audience: 'https://hub.dongcheng',
      now: NOW,
    });
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe('RS256');
    const der = (pem: string) => forge.util.encode64(forge.pem.decode(pem)[0]!.body);
    expect(header.x5c).toEqual([der(pki.community.certPem), der(pki.street.certPem)]);
    const claims = decodeJwt(token);
    const iat = NOW.getTime() / 1000;
    expect(claims).toMatchObject({ iss: 'hallnet-node', aud: 'https://hub.dongcheng', iat, exp: iat + 60 });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims).not.toHaveProperty('org');
  });

  it('gives every token its own jti', async () => {
    const opts = { keyPem: pki.street.keyPem, chainPem: [pki.street.certPem], audience: 'hub', now: NOW };
    const [a, b] = await Promise.all([signNodeToken(opts), signNodeToken(opts)]);
    expect(decodeJwt(a!).jti).not.toBe(decodeJwt(b!).jti);
  });

  it("refuses a ttl beyond ten minutes, a key that is not the leaf's, and an empty chain", async () => {
    const base = { keyPem: pki.street.keyPem, chainPem: [pki.street.certPem], audience: 'hub' };
    await expectCode(() => signNodeToken({ ...base, ttlSeconds: 601 }), 'ERR_CONFIG');
    await expectCode(() => signNodeToken({ ...base, ttlSeconds: 0 }), 'ERR_CONFIG');
    await expectCode(() => signNodeToken({ ...base, keyPem: pki.community.keyPem }), 'ERR_CONFIG', /does not belong/);
    await expectCode(() => signNodeToken({ ...base, chainPem: [] }), 'ERR_CONFIG');
    expect(decodeJwt(await signNodeToken({ ...base, ttlSeconds: 600, now: NOW })).exp).toBe(NOW.getTime() / 1000 + 600);
  });
});

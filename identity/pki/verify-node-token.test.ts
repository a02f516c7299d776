import { SignJWT, base64url, importPKCS8, type JWTPayload } from 'jose';
import { createHmac } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeKey } from './create-node-key.js';
import { signNodeToken } from './sign-node-token.js';
import { expectCode, makePki, NOW, type Pki } from './test-fixtures.js';
import { verifyNodeToken } from './verify-node-token.js';

const AUD = 'https://hub.dongcheng';
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const x5c = (pems: string[]) => pems.map((p) => forge.util.encode64(forge.pem.decode(p)[0]!.body));

describe('verifyNodeToken', () => {
  let pki: Pki;
  let strangerKey: string;
  let chain: string[];
  const verify = (
    token: string,
    more: { now?: Date; maxSkewSeconds?: number; isRevoked?: (s: string) => boolean; audience?: string } = {},
  ) => verifyNodeToken(token, { rootPem: pki.root.certPem, audience: AUD, now: NOW, ...more });
  const sign = (more: { ttlSeconds?: number; now?: Date } = {}) =>
    signNodeToken({ keyPem: pki.community.keyPem, chainPem: chain, audience: AUD, now: NOW, ...more });
  /** A token made by hand with any header, claims and key — what an attacker can send. */
  const forge256 = async (claims: JWTPayload, keyPem: string, header: Record<string, unknown> = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', x5c: x5c(chain), ...header })
      .sign(await importPKCS8(keyPem, 'RS256'));
  const iat = NOW.getTime() / 1000;
  const goodClaims = () => ({ iss: 'hallnet-node', aud: AUD, iat, exp: iat + 60, jti: crypto.randomUUID() });

  beforeAll(() => {
    pki = makePki();
    strangerKey = createNodeKey();
    chain = [pki.community.certPem, pki.street.certPem];
  });

  it('accepts a fresh token and names the node from its certificate', async () => {
    const who = await verify(await sign());
    expect(who).toMatchObject({ org: 'dongcheng/jingshan/huangchenggen', level: 6, name: '皇城根社区', exp: iat + 60 });
    expect(who.serial).toBe(forge.pki.certificateFromPem(pki.community.certPem).serialNumber);
    expect(who.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(who.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an expired token as expired, and accepts one within the skew', async () => {
    const token = await sign();
    await expectCode(() => verify(token, { now: at(61 + 30) }), 'ERR_TOKEN_EXPIRED');
    await expectCode(() => verify(token, { now: at(61), maxSkewSeconds: 0 }), 'ERR_TOKEN_EXPIRED');
    await expect(verify(token, { now: at(61 + 20) })).resolves.toMatchObject({ level: 6 });
  });

  it('accepts a token from a node whose clock runs ahead within the skew, refuses one beyond it', async () => {
    await expect(verify(await sign({ now: at(25) }))).resolves.toMatchObject({ level: 6 });
    await expectCode(async () => verify(await sign({ now: at(45) })), 'ERR_TOKEN_INVALID', /iat/);
    await expectCode(
      async () => verify(await forge256({ ...goodClaims(), nbf: iat + 45 }, pki.community.keyPem)),
      'ERR_TOKEN_INVALID',
      /nbf/,
    );
  });

  it('refuses alg none', async () => {
    const enc = (o: object) => base64url.encode(JSON.stringify(o));
    const token = `${enc({ alg: 'none', x5c: x5c(chain) })}.${enc(goodClaims())}.`;
    await expectCode(() => verify(token), 'ERR_TOKEN_INVALID', /none/);
  });

  it('refuses HS256 signed with the public key (or the certificate) as the secret', async () => {
    const leaf = forge.pki.certificateFromPem(pki.community.certPem);
    for (const secret of [forge.pki.publicKeyToPem(leaf.publicKey), pki.community.certPem]) {
      const enc = (o: object) => base64url.encode(JSON.stringify(o));
      const input = `${enc({ alg: 'HS256', x5c: x5c(chain) })}.${enc(goodClaims())}`;
      const sig = createHmac('sha256', secret).update(input).digest('base64url');
      await expectCode(() => verify(`${input}.${sig}`), 'ERR_TOKEN_INVALID', /HS256/);
    }
  });

  it('refuses other RSA and EC algorithms', async () => {
    const enc = (o: object) => base64url.encode(JSON.stringify(o));
    for (const alg of ['PS256', 'RS512', 'ES256', 'rs256']) {
      await expectCode(
        () => verify(`${enc({ alg, x5c: x5c(chain) })}.${enc(goodClaims())}.AAAA`),
        'ERR_TOKEN_INVALID',
        /not accepted/,
      );
    }
  });

  it("refuses a token signed by a key other than the leaf certificate's", async () => {
    await expectCode(async () => verify(await forge256(goodClaims(), strangerKey)), 'ERR_TOKEN_INVALID', /signature/);
    // another valid node's key, with the victim's chain
    await expectCode(async () => verify(await forge256(goodClaims(), pki.street.keyPem)), 'ERR_TOKEN_INVALID');
  });

  it('takes the organisation from the certificate, never from claims', async () => {
    const token = await forge256(
      { ...goodClaims(), org: 'dongcheng', level: 4, sub: 'dongcheng', scope: 'dongcheng', serial: '01' },
      pki.community.keyPem,
      { org: 'dongcheng' },
    );
    const who = await verify(token);
    expect(who.org).toBe('dongcheng/jingshan/huangchenggen');
    expect(who.level).toBe(6);
  });

  it('refuses a token whose lifetime exceeds ten minutes', async () => {
    await expectCode(
      async () => verify(await forge256({ ...goodClaims(), exp: iat + 601 }, pki.community.keyPem)),
      'ERR_TOKEN_INVALID',
      /lifetime/,
    );
    await expectCode(
      async () => verify(await forge256({ ...goodClaims(), exp: iat + 86_400 }, pki.community.keyPem)),
      'ERR_TOKEN_INVALID',
    );
  });

  it('refuses a token without iat, exp or jti, for another audience, or from another issuer', async () => {
    for (const drop of ['iat', 'exp', 'jti'] as const) {
      const claims: JWTPayload = goodClaims();
      delete claims[drop];
      await expectCode(async () => verify(await forge256(claims, pki.community.keyPem)), 'ERR_TOKEN_INVALID');
    }
    await expectCode(async () => verify(await sign(), { audience: 'https://hub.xicheng' }), 'ERR_TOKEN_INVALID', /aud/);
    await expectCode(
      async () => verify(await forge256({ ...goodClaims(), iss: 'identity' }, pki.community.keyPem)),
      'ERR_TOKEN_INVALID',
      /iss/,
    );
  });

  it('refuses a token whose chain does not verify: revoked link, other district, missing or bad x5c', async () => {
    const streetSerial = forge.pki.certificateFromPem(pki.street.certPem).serialNumber;
    await expectCode(async () => verify(await sign(), { isRevoked: (s) => s === streetSerial }), 'ERR_CERT_REVOKED');
    await expectCode(async () => verify(await sign(), { now: at(400 * 86_400) }), 'ERR_CERT_EXPIRED');
    await expectCode(
      async () => verifyNodeToken(await sign(), { rootPem: pki.otherRoot.certPem, audience: AUD, now: NOW }),
      'ERR_CERT_INVALID',
    );
    await expectCode(
      async () => verify(await forge256(goodClaims(), pki.community.keyPem, { x5c: undefined })),
      'ERR_TOKEN_INVALID',
      /x5c/,
    );
    await expectCode(
      async () => verify(await forge256(goodClaims(), pki.community.keyPem, { x5c: ['!!'] })),
      'ERR_TOKEN_INVALID',
      /x5c/,
    );
    await expectCode(
      async () => verify(await forge256(goodClaims(), pki.community.keyPem, { x5c: ['AAAA'] })),
      'ERR_CERT_INVALID',
    );
    await expectCode(() => verify('not.a.token'), 'ERR_TOKEN_INVALID');
    await expectCode(() => verify('x'.repeat(20_000)), 'ERR_TOKEN_INVALID');
  });
});

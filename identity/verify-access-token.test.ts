import { SignJWT, base64url, exportSPKI, generateKeyPair, importJWK, type JSONWebKeySet, type JWTPayload } from 'jose';
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from './issue-access-token.js';
import { SigningKeys } from './signing-keys.js';
import type { ResidentAccount, StaffAccount } from './store/identity-store.js';
import { createMemoryIdentityStore } from './store/memory-identity-store.js';
import { expectCode, idNumber, NOW, testClock } from './testing/identity-fixtures.js';
import { verifyAccessToken } from './verify-access-token.js';

const ISS = 'hallnet-identity';
const AUD = 'hallnet';
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const iat = NOW.getTime() / 1000;
const staff: StaffAccount = {
  kind: 'staff',
  sub: 'staff:li.si',
  account: 'li.si',
  name: '李四',
  org: 'dongcheng/jingshan',
  roles: ['clerk'],
  verifier: 'x',
  createdAt: 0,
  createdBy: 'staff:root',
};
const resident: ResidentAccount = {
  kind: 'resident',
  sub: 'resident:abc-123',
  name: '王小明',
  idNumber: idNumber(7),
  phone: '13900000007',
  verifier: null,
  createdAt: 0,
};
const enc = (o: object) => base64url.encode(JSON.stringify(o));
const goodClaims = (): JWTPayload => ({
  iss: ISS,
  aud: AUD,
  sub: staff.sub,
  iat,
  nbf: iat,
  exp: iat + 600,
  jti: 'j',
  kind: 'staff',
  name: '李四',
  org: 'dongcheng/jingshan',
  roles: ['clerk'],
});

describe('verifyAccessToken', () => {
  const clock = testClock();
  const store = createMemoryIdentityStore();
  const keys = new SigningKeys(store, { clock: clock.now, accessTtlSeconds: 600, maxSkewSeconds: 60 });
  let jwks: JSONWebKeySet;
  let kid: string;
  const verify = (
    token: string,
    more: { now?: Date; issuer?: string; audience?: string; maxSkewSeconds?: number; jwks?: JSONWebKeySet } = {},
  ) => verifyAccessToken(token, { jwks, issuer: ISS, audience: AUD, now: NOW, ...more });
  const issue = (account: StaffAccount | ResidentAccount = staff, now = NOW) =>
    issueAccessToken(account, { keys, issuer: ISS, ttlSeconds: 600, now }).then((t) => t.token);
  /** A token made by hand with any header and claims, signed with the real key: what a bug or an insider could produce. */
  const signed = async (claims: JWTPayload, header: Record<string, unknown> = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid, ...header })
      .sign((await keys.current()).key);

  beforeAll(async () => {
    jwks = await keys.jwks();
    kid = (await keys.current()).kid;
  });

  it('returns the staff principal a node needs', async () => {
    await expect(verify(await issue())).resolves.toEqual({
      kind: 'staff',
      id: 'li.si',
      name: '李四',
      org: 'dongcheng/jingshan',
      roles: ['clerk'],
    });
  });

  it('returns the resident principal with ID number, phone and whether a clerk verified them', async () => {
    await expect(verify(await issue(resident))).resolves.toEqual({
      kind: 'resident',
      id: 'abc-123',
      name: '王小明',
      idNumber: idNumber(7),
      phone: '13900000007',
      verified: false,
    });
    const seen = { ...resident, verification: { at: 1, by: 'staff:li.si', org: 'dongcheng/jingshan' } };
    await expect(verify(await issue(seen))).resolves.toMatchObject({ id: 'abc-123', verified: true });
  });

  it('takes a resident token without idv (issued before the claim) as unverified, and refuses a non-boolean idv', async () => {
    const claims = {
      ...goodClaims(),
      sub: resident.sub,
      kind: 'resident',
      name: resident.name,
      idNumber: resident.idNumber,
      phone: resident.phone,
      org: undefined,
      roles: undefined,
    };
    await expect(verify(await signed(claims))).resolves.toMatchObject({ verified: false });
    await expectCode(async () => verify(await signed({ ...claims, idv: 'yes' })), 'ERR_TOKEN_INVALID', /idv/);
  });

  it('refuses alg none', async () => {
    const token = `${enc({ alg: 'none', typ: 'at+jwt', kid })}.${enc(goodClaims())}.`;
    await expectCode(() => verify(token), 'ERR_TOKEN_INVALID', /algorithm none/);
  });

  it('refuses HS256 signed with the public key as the secret', async () => {
    const publicJwk = jwks.keys[0]!;
    const pem = await exportSPKI((await importJWK(publicJwk, 'ES256')) as CryptoKey);
    for (const secret of [pem, JSON.stringify(publicJwk)]) {
      const input = `${enc({ alg: 'HS256', typ: 'at+jwt', kid })}.${enc(goodClaims())}`;
      const mac = createHmac('sha256', secret).update(input).digest('base64url');
      await expectCode(() => verify(`${input}.${mac}`), 'ERR_TOKEN_INVALID', /algorithm HS256/);
    }
  });

  it('refuses an expired token as expired, and accepts one within the skew', async () => {
    const token = await issue();
    await expect(verify(token, { now: at(600 + 59) })).resolves.toMatchObject({ id: 'li.si' });
    await expectCode(() => verify(token, { now: at(600 + 61) }), 'ERR_TOKEN_EXPIRED');
    await expectCode(() => verify(token, { now: at(601), maxSkewSeconds: 0 }), 'ERR_TOKEN_EXPIRED');
  });

  it('refuses a token that is not valid yet', async () => {
    const token = await issue(staff, at(120));
    await expectCode(() => verify(token), 'ERR_TOKEN_INVALID', /nbf|iat/);
    await expect(verify(token, { now: at(61) })).resolves.toMatchObject({ id: 'li.si' });
    await expectCode(async () => verify(await signed({ ...goodClaims(), nbf: iat + 300 })), 'ERR_TOKEN_INVALID', /nbf/);
  });

  it('refuses the wrong issuer or audience', async () => {
    const token = await issue();
    await expectCode(() => verify(token, { issuer: 'someone-else' }), 'ERR_TOKEN_INVALID', /iss/);
    await expectCode(() => verify(token, { audience: 'elsewhere' }), 'ERR_TOKEN_INVALID', /aud/);
    await expectCode(
      async () => verify(await signed({ ...goodClaims(), iss: 'hallnet-node:dongcheng' })),
      'ERR_TOKEN_INVALID',
      /iss/,
    );
    await expectCode(async () => verify(await signed({ ...goodClaims(), aud: 'other' })), 'ERR_TOKEN_INVALID', /aud/);
  });

  it('refuses an unknown kid, a missing kid, and a stranger key posing under our kid', async () => {
    const stranger = await generateKeyPair('ES256');
    const byStranger = (k: string | undefined) =>
      new SignJWT(goodClaims())
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...(k ? { kid: k } : {}) })
        .sign(stranger.privateKey);
    await expectCode(async () => verify(await byStranger('stranger')), 'ERR_TOKEN_INVALID', /unknown key stranger/);
    await expectCode(async () => verify(await byStranger(undefined)), 'ERR_TOKEN_INVALID', /kid/);
    await expectCode(async () => verify(await byStranger(kid)), 'ERR_TOKEN_INVALID', /signature/);
  });

  it('refuses a tampered payload', async () => {
    const [h, p, sig] = (await issue()).split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p)));
    for (const change of [{ roles: ['admin'] }, { org: 'dongcheng' }, { exp: claims.exp + 3600 }]) {
      await expectCode(() => verify(`${h}.${enc({ ...claims, ...change })}.${sig}`), 'ERR_TOKEN_INVALID', /signature/);
    }
    await expectCode(() => verify(`${h}.${p}.${sig!.slice(0, -4)}AAAA`), 'ERR_TOKEN_INVALID');
  });

  it('refuses tokens of our own key that are not access tokens as we make them', async () => {
    await expectCode(async () => verify(await signed(goodClaims(), { typ: 'JWT' })), 'ERR_TOKEN_INVALID', /typ/);
    await expectCode(
      async () => verify(await signed({ ...goodClaims(), exp: iat + 7200 })),
      'ERR_TOKEN_INVALID',
      /lifetime/,
    );
    await expectCode(
      async () => verify(await signed({ ...goodClaims(), roles: ['root'] })),
      'ERR_TOKEN_INVALID',
      /roles/,
    );
    await expectCode(
      async () => verify(await signed({ ...goodClaims(), kind: 'resident' })),
      'ERR_TOKEN_INVALID',
      /claims/,
    );
    await expectCode(async () => verify(await signed({ ...goodClaims(), iat: undefined })), 'ERR_TOKEN_INVALID', /iat/);
    await expectCode(() => verify('not.a.token'), 'ERR_TOKEN_INVALID');
    await expectCode(() => verify('x'.repeat(10_000)), 'ERR_TOKEN_INVALID');
  });

  it('keeps a retired key verifiable until its tokens have expired, then drops it', async () => {
    const old = await issue();
    await keys.rotate();
    const afterRotation = await keys.jwks();
    expect(afterRotation.keys.map((k) => k.kid)).toContain(kid);
    await expect(verify(old, { jwks: afterRotation })).resolves.toMatchObject({ id: 'li.si' });
    const fresh = await issue();
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(fresh.split('.')[0]!))).kid).not.toBe(kid);
    await expect(verify(fresh, { jwks: afterRotation })).resolves.toMatchObject({ id: 'li.si' });
    await expectCode(() => verify(fresh), 'ERR_TOKEN_INVALID', /unknown key/);

    clock.advance((600 + 60) * 1000);
    const later = await keys.jwks();
    expect(later.keys.map((k) => k.kid)).not.toContain(kid);
    expect(later.keys).toHaveLength(1);
    await expectCode(() => verify(old, { jwks: later, now: at(30) }), 'ERR_TOKEN_INVALID', /unknown key/);
  });

  it('publishes public keys only', async () => {
    for (const k of (await keys.jwks()).keys) {
      expect(k).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(k).not.toHaveProperty('d');
    }
  });
});

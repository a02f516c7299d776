// Refresh, logout, keys, node staff verifiers and the OpenAPI document over app.request(); run per store adapter.
import type { JSONWebKeySet } from 'jose';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '../verify-access-token.js';
import { COMMUNITY_A, COMMUNITY_B, makeHarness, RESIDENT_PASSWORD, type Harness } from './app-harness.js';
import { expectErrorResponse, idNumber, phone } from './identity-fixtures.js';
import type { StoreFactory } from './store-contract.js';

const DAY = 86_400_000;

/** The session, key and node endpoints, over stores from `factory`. */
export function describeSessionEndpoints(name: string, factory: StoreFactory): void {
  describe(`identity sessions and keys (${name} store)`, () => {
    let h: Harness;
    const refresh = (refreshToken: string) => h.post('/identity/refresh', { refreshToken });
    const residentLogin = () => h.login('resident', phone(20), RESIDENT_PASSWORD);
    beforeAll(async () => {
      h = await makeHarness(factory);
      await h.signUp({ idNumber: idNumber(20), phone: phone(20) });
    });
    afterAll(() => h.close());

    it('issues ES256 access tokens a node verifies offline with the published JWKS', async () => {
      const { accessToken } = await residentLogin();
      const jwks = (await (await h.get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
      expect(decodeProtectedHeader(accessToken)).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: jwks.keys[0]!.kid });
      const who = await verifyAccessToken(accessToken, {
        jwks,
        issuer: 'hallnet-identity',
        audience: 'hallnet',
        now: h.clock.now(),
      });
      expect(who).toMatchObject({ kind: 'resident', idNumber: idNumber(20), phone: phone(20) });
      const payload = JSON.parse(atob(accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
      expect(Object.keys(payload).sort()).toEqual(
        ['aud', 'exp', 'iat', 'iat_ms', 'idNumber', 'idv', 'iss', 'jti', 'kind', 'name', 'nbf', 'phone', 'sub'].sort(),
      );
      expect(payload.idv).toBe(false);
      expect(payload.exp - payload.iat).toBe(600);
      expect(Math.floor(payload.iat_ms / 1000)).toBe(payload.iat);
    });

    it('rotates refresh tokens: each use gives a new pair that works', async () => {
      const first = await residentLogin();
      const res = await refresh(first.refreshToken);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const next = (await res.json()) as { accessToken: string; refreshToken: string };
      expect(next.refreshToken).not.toBe(first.refreshToken);
      expect((await h.get('/identity/me', next.accessToken)).status).toBe(200);
      expect((await refresh(next.refreshToken)).status).toBe(200);
    });

    it('revokes the whole family when a refresh token is used twice: the newer token fails too', async () => {
      const first = await residentLogin();
      const second = (await (await refresh(first.refreshToken)).json()) as { refreshToken: string };
      await expectErrorResponse(await refresh(first.refreshToken), 401, 'ERR_REFRESH_REUSED');
      await expectErrorResponse(await refresh(second.refreshToken), 401, 'ERR_SESSION_REVOKED');
      // Another login of the same resident is its own family and carries on.
      const other = await residentLogin();
      expect((await refresh(other.refreshToken)).status).toBe(200);
    });

    it('lets exactly one of two racing refreshes with the same token through, and ends the family', async () => {
      const { refreshToken } = await residentLogin();
      const [a, b] = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      expect([a!.status, b!.status].sort()).toEqual([200, 401]);
      const winner = (await (a!.status === 200 ? a! : b!).json()) as { refreshToken: string };
      await expectErrorResponse(await refresh(winner.refreshToken), 401, 'ERR_SESSION_REVOKED');
    });

    it('ends a login on logout, and refuses unknown or expired refresh tokens', async () => {
      const { refreshToken } = await residentLogin();
      expect(await (await h.post('/identity/logout', { refreshToken })).json()).toEqual({ ok: true });
      await expectErrorResponse(await refresh(refreshToken), 401, 'ERR_SESSION_REVOKED');
      expect((await h.post('/identity/logout', { refreshToken: 'A'.repeat(43) })).status).toBe(200);
      await expectErrorResponse(await refresh('A'.repeat(43)), 401, 'ERR_TOKEN_INVALID');
      await expectErrorResponse(await refresh('short'), 401, 'ERR_TOKEN_INVALID');
      const old = await residentLogin();
      h.clock.advance(15 * DAY);
      await expectErrorResponse(await refresh(old.refreshToken), 401, 'ERR_TOKEN_EXPIRED');
      await expectErrorResponse(await h.get('/identity/me', old.accessToken), 401, 'ERR_TOKEN_EXPIRED');
    });

    it('ends a login after 30 days however often it is refreshed', async () => {
      let { refreshToken } = await residentLogin();
      for (let day = 0; day < 3; day++) {
        h.clock.advance(10 * DAY);
        const res = await refresh(refreshToken);
        if (day < 2) {
          expect(res.status).toBe(200);
          refreshToken = ((await res.json()) as { refreshToken: string }).refreshToken;
        } else {
          await expectErrorResponse(res, 401, 'ERR_TOKEN_EXPIRED');
        }
      }
    });

    it('lets only a district admin rotate keys; the old key stays published while its tokens live', async () => {
      await expectErrorResponse(
        await h.post('/identity/keys/rotate', undefined, await h.staffToken('street.admin')),
        403,
        'ERR_FORBIDDEN',
      );
      await expectErrorResponse(
        await h.post('/identity/keys/rotate', undefined, await h.staffToken('a.clerk')),
        403,
        'ERR_FORBIDDEN',
      );
      await expectErrorResponse(await h.post('/identity/keys/rotate'), 401, 'ERR_UNAUTHENTICATED');
      const before = await residentLogin();
      const oldKid = decodeProtectedHeader(before.accessToken).kid;
      const res = await h.post('/identity/keys/rotate', undefined, await h.staffToken('root.admin'));
      expect(res.status).toBe(200);
      const { kid, jwks } = (await res.json()) as { kid: string; jwks: JSONWebKeySet };
      expect(kid).not.toBe(oldKid);
      expect(jwks.keys.map((k) => k.kid)).toEqual([kid, oldKid]);
      expect((await h.get('/identity/me', before.accessToken)).status).toBe(200);
      expect(decodeProtectedHeader((await residentLogin()).accessToken).kid).toBe(kid);
      h.clock.advance(11 * 60_000);
      const later = (await (await h.get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
      expect(later.keys.map((k) => k.kid)).toEqual([kid]);
    });

    it("gives a node the verifiers of its own organisation's staff and nothing else", async () => {
      const res = await h.get(`/identity/node-staff?org=${COMMUNITY_A}`, undefined, { 'x-test-node-org': COMMUNITY_A });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { org: string; staff: { account: string; org: string; verifier: string }[] };
      expect(body.staff.map((s) => s.account)).toEqual(['a.admin', 'a.clerk']);
      expect(body.staff.every((s) => s.org === COMMUNITY_A && /^scrypt\$32768\$8\$1\$/.test(s.verifier))).toBe(true);
      await expectErrorResponse(
        await h.get(`/identity/node-staff?org=${COMMUNITY_B}`, undefined, { 'x-test-node-org': COMMUNITY_A }),
        403,
        'ERR_SCOPE_FORBIDDEN',
      );
      await expectErrorResponse(
        await h.get('/identity/node-staff?org=dongcheng/jingshan', undefined, { 'x-test-node-org': COMMUNITY_A }),
        403,
        'ERR_SCOPE_FORBIDDEN',
      );
      await expectErrorResponse(await h.get(`/identity/node-staff?org=${COMMUNITY_A}`), 401, 'ERR_UNAUTHENTICATED');
      await expectErrorResponse(
        await h.get('/identity/node-staff', undefined, { 'x-test-node-org': COMMUNITY_A }),
        400,
        'ERR_VALIDATION',
      );
      // A staff or resident token is no node.
      await expectErrorResponse(
        await h.get(`/identity/node-staff?org=${COMMUNITY_A}`, await h.staffToken('root.admin')),
        401,
        'ERR_UNAUTHENTICATED',
      );
      const noNodes = await makeHarness(factory, { store: h.store, authorizeNode: undefined });
      await expectErrorResponse(
        await noNodes.get(`/identity/node-staff?org=${COMMUNITY_A}`, undefined, { 'x-test-node-org': COMMUNITY_A }),
        403,
        'ERR_FORBIDDEN',
      );
    });

    it('serves an OpenAPI document stating who may call every endpoint', async () => {
      const doc = (await (await h.get('/identity/openapi.json')).json()) as {
        paths: Record<string, Record<string, { 'x-access': { who: string } }>>;
      };
      const access = Object.fromEntries(
        Object.entries(doc.paths).flatMap(([p, ops]) =>
          Object.entries(ops).map(([m, op]) => [`${m} ${p}`, op['x-access'].who]),
        ),
      );
      expect(access).toEqual({
        'post /identity/residents': 'anyone',
        'post /identity/residents/code': 'anyone',
        'post /identity/staff': 'staff',
        'post /identity/residents/verify': 'staff',
        'post /identity/login': 'anyone',
        'post /identity/otp/request': 'anyone',
        'post /identity/otp/login': 'anyone',
        'post /identity/refresh': 'anyone',
        'post /identity/logout': 'anyone',
        'get /identity/me': 'signed-in',
        'get /.well-known/jwks.json': 'anyone',
        'post /identity/keys/rotate': 'staff',
        'get /identity/node-staff': 'node',
        'get /identity/node-staff/accounts': 'node',
        'post /identity/node-staff/accounts': 'node',
        'post /identity/node-staff/changes': 'node',
        'post /identity/staff/password': 'anyone',
        'get /identity/openapi.json': 'anyone',
      });
    });
  });
}

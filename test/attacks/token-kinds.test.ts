import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { readKeyFile, signNodeToken } from '../../identity/index.js';
import { readNodeChain } from '../../node/auth/node-chain.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { HUB_AUDIENCE } from '../../sync/index.js';
import { client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { signUpResident } from '../support/sign-up-resident.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';

// Three kinds of token travel in a district: the identity service's (ES256, residents and staff),
// a node's own for its clerks (RS256 with its chain, `hallnet-node:<org>`), and a node's token for
// the hub (RS256 with its chain, `hallnet-node`, for the hub's audience). Each is genuine, and each
// opens only its own door: a station holding its key cannot turn one kind into another, nor vouch
// for staff outside its own organisation.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const B = 'dongcheng/jingshan/jixiang';
const CLERK = { account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD };
const RESIDENT = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', password: 'resident-pass-1' };

const dir = tempDir('hallnet-token-kinds-');
let district: RunningDistrict;
let keyPem: string;
let chainPem: string[];
const url = (org: string) => district.nodes.get(org)!.url;

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [{ org: CENTER }, { org: STREET }, { org: A, staff: [CLERK] }, { org: B, staff: [CLERK] }],
  });
  for (const org of [A, B])
    await eventually(() => district.nodes.get(org)!.services.reference.jwks, 30_000, `identity keys at ${org}`);
  expect((await signUpResident(url(A), join(dir.path, 'hub'), RESIDENT)).status).toBe(201);
  keyPem = readKeyFile(nodeKeyPath(district.nodeDir(A)));
  chainPem = readNodeChain(district.nodeDir(A))!;
}, 180_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

/** A clerk token as station A's node would sign one, with `claims` over what a genuine one says. */
async function stationSigned(claims: Record<string, unknown>, issuer = `hallnet-node:${A}`): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const x5c = chainPem.map((pem) => new X509Certificate(pem).raw.toString('base64'));
  return new SignJWT({ name: '冒名', org: A, roles: ['clerk'], ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5c })
    .setIssuer(issuer)
    .setAudience('hallnet')
    .setSubject('staff:clerk')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(await importPKCS8(keyPem, 'RS256'));
}

const hubToken = () => signNodeToken({ keyPem, chainPem, audience: HUB_AUDIENCE, ttlSeconds: 600 });

/** What `base` answers `path` for `token`: its status and error code. */
async function answer(base: string, path: string, token: string) {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { error?: unknown };
  const error = body.error;
  return {
    status: res.status,
    code: typeof error === 'object' && error ? (error as { code?: string }).code : error,
  };
}

describe('tokens of one kind at the door of another', () => {
  it('the genuine ones open their own doors', async () => {
    const clerk = await client(url(A)).post('/api/auth/staff-login', { account: 'clerk', password: PASSWORD });
    expect((await answer(url(A), '/api/auth/me', clerk.body.token)).status).toBe(200);
    expect((await answer(url(A), '/api/auth/me', await stationSigned({}))).status).toBe(200);
    expect((await answer(district.hubUrl, '/db/', await hubToken())).status).toBe(200);
  });

  it("the station's hub token is no clerk token at its own node, nor at its street", async () => {
    const token = await hubToken();
    for (const org of [A, STREET])
      expect(await answer(url(org), '/api/auth/me', token), org).toMatchObject({ status: 401 });
  });

  it("a clerk's token and a resident's are no node token at the hub", async () => {
    const clerk = await client(url(A)).post('/api/auth/staff-login', { account: 'clerk', password: PASSWORD });
    const resident = await client(url(A)).post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.phone,
      password: RESIDENT.password,
    });
    expect(resident.status).toBe(200);
    for (const token of [clerk.body.token, resident.body.accessToken, await stationSigned({}, 'hallnet-node')]) {
      for (const path of ['/db/', '/db/_changes?since=0&limit=1', '/api/track/ABCDEFGHJK1'])
        expect((await answer(district.hubUrl, path, token)).status, path).toBe(401);
    }
  });

  it('a station vouches for its own clerks only: not for its street, the district, a sibling, nor under another issuer', async () => {
    for (const org of [STREET, CENTER, B])
      expect(
        await answer(url(A), '/api/auth/me', await stationSigned({ org, roles: ['admin', 'supervisor'] })),
        org,
      ).toEqual({
        status: 401,
        code: 'ERR_TOKEN_INVALID',
      });
    expect(await answer(url(A), '/api/auth/me', await stationSigned({}, `hallnet-node:${STREET}`))).toEqual({
      status: 401,
      code: 'ERR_TOKEN_INVALID',
    });
    // Its genuine clerk token, at the sibling station.
    expect(await answer(url(B), '/api/auth/me', await stationSigned({}))).toEqual({
      status: 401,
      code: 'ERR_TOKEN_INVALID',
    });
  });
});

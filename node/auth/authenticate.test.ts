import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JwksDoc } from '../../sync/index.js';
import { tempDir } from '../../test/support/temp-dir.js';
import type { ReferenceData } from '../store/reference-data.js';
import { createAuthenticate } from './authenticate.js';
import { StaffTokens } from './staff-token.js';
import { StaffVerifiers } from './staff-verifiers.js';

const ORG = 'dongcheng/jingshan/huangchenggen';
const CLERK = { account: 'clerk', name: '王窗口', org: ORG, roles: ['clerk' as const] };
// An admin's change to the clerk's account, 400 ms into a second.
const CHANGE = Date.parse('2026-12-07T02:00:00.400Z');

const dir = tempDir('hallnet-authenticate-');
let db: PouchDB.Database;
let now = CHANGE;
let staff: StaffVerifiers;
let tokens: StaffTokens;

beforeAll(async () => {
  db = new PouchDB(join(dir.path, 'db'));
  const clock = () => new Date(now);
  staff = new StaffVerifiers(db, clock);
  await staff.put(CLERK, 'clerk-pass-123');
  await staff.replaceVoided([{ account: CLERK.account, from: CHANGE }]);
  const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  tokens = await StaffTokens.create({
    org: ORG,
    keyPem,
    chainPem: undefined,
    ttlSeconds: 3600,
    clock,
    isRevoked: () => false,
  });
});

afterAll(async () => {
  await db?.close();
  dir.remove();
});

/** A token signed at `at` (ms), checked a minute later. */
async function signedAt(at: number): Promise<string> {
  now = at;
  const { token } = await tokens.sign(CLERK);
  now = CHANGE + 60_000;
  return token;
}

describe('a token against the change that voided the account’s earlier tokens', () => {
  const authenticate = () => createAuthenticate({} as ReferenceData, tokens, () => new Date(now), { org: ORG, staff });

  it('a login within the same second, after the change, is accepted (iat_ms); one at or before it is void', async () => {
    const after = await signedAt(CHANGE + 150);
    expect(await authenticate()(after)).toMatchObject({ kind: 'staff', id: CLERK.account });
    for (const at of [CHANGE, CHANGE - 150, CHANGE - 400, CHANGE - 5_000]) {
      const before = await signedAt(at);
      await expect(authenticate()(before), `signed at ${at - CHANGE} ms`).rejects.toMatchObject({
        code: 'ERR_SESSION_REVOKED',
      });
    }
  });
});

describe('an identity token used again', () => {
  const ISSUER = 'https://identity.dongcheng.example';
  let reference: { jwks: JwksDoc };
  let sign: (claims: { sub: string; iatMs: number; ttl: number }) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1' };
    const heldKeys = (kid: string): JwksDoc =>
      ({ type: 'jwks', issuer: ISSUER, keys: [{ ...jwk, kid }] }) as unknown as JwksDoc;
    reference = { jwks: heldKeys('k1') };
    sign = ({ sub, iatMs, ttl }) =>
      new SignJWT({ kind: 'staff', name: CLERK.name, org: ORG, roles: ['clerk'], iat_ms: iatMs })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
        .setIssuer(ISSUER)
        .setAudience('hallnet')
        .setSubject(sub)
        .setIssuedAt(Math.floor(iatMs / 1000))
        .setExpirationTime(Math.floor(iatMs / 1000) + ttl)
        .sign(privateKey);
    // What a rotation that withdrew k1 would leave the node holding, and a key set naming another key k1.
    withdrawn = heldKeys('k2');
    const stranger = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'k1' };
    replaced = { ...heldKeys('k1'), keys: [stranger] } as JwksDoc;
  });
  let withdrawn: JwksDoc;
  let replaced: JwksDoc;

  it('is refused once it expires, once its account changes and once the node no longer holds its key as it was checked with', async () => {
    now = CHANGE + 10_000;
    const authenticate = createAuthenticate(reference as unknown as ReferenceData, tokens, () => new Date(now), {
      org: ORG,
      staff,
    });
    const token = await sign({ sub: 'staff:clerk', iatMs: now, ttl: 600 });
    expect(await authenticate(token)).toMatchObject({ kind: 'staff', id: 'clerk' });
    expect(await authenticate(token)).toMatchObject({ kind: 'staff', id: 'clerk' });
    // Ten minutes and two later (past the minute of clock skew allowed): expired.
    now += 12 * 60_000;
    await expect(authenticate(token)).rejects.toMatchObject({ code: 'ERR_TOKEN_EXPIRED' });

    now = CHANGE + 10_000;
    const other = await sign({ sub: 'staff:clerk', iatMs: now - 1_000, ttl: 600 });
    expect(await authenticate(other)).toMatchObject({ id: 'clerk' });
    await staff.replaceVoided([{ account: CLERK.account, from: now }]);
    try {
      await expect(authenticate(other)).rejects.toMatchObject({ code: 'ERR_SESSION_REVOKED' });
    } finally {
      await staff.replaceVoided([{ account: CLERK.account, from: CHANGE }]);
    }

    const third = await sign({ sub: 'staff:clerk', iatMs: now, ttl: 600 });
    expect(await authenticate(third)).toMatchObject({ id: 'clerk' });
    const held = reference.jwks;
    reference.jwks = withdrawn;
    try {
      await expect(authenticate(third)).rejects.toMatchObject({ code: 'ERR_KEYS_NOT_HELD' });
      reference.jwks = replaced;
      await expect(authenticate(third)).rejects.toMatchObject({ code: 'ERR_TOKEN_INVALID' });
    } finally {
      reference.jwks = held;
    }
  });
});

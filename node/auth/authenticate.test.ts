import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

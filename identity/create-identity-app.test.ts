import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPouchIdentityStore } from './adapter/node/pouch-identity-store.js';
import { createScryptHasher } from './adapter/node/scrypt-hasher.js';
import { createIdentityApp } from './create-identity-app.js';
import { describeAccountEndpoints } from './testing/accounts-suite.js';
import { expectCode } from './testing/identity-fixtures.js';
import { describeLoginEndpoints } from './testing/login-suite.js';
import { describeSessionEndpoints } from './testing/session-suite.js';
import { describeStaffLifecycleEndpoints } from './testing/staff-lifecycle-suite.js';
import type { StoreFactory } from './testing/store-contract.js';
import { createMemoryIdentityStore } from './store/memory-identity-store.js';

const dirs: string[] = [];
// A real on-disk PouchDB per harness; the same suites run in workerd over D1 in
// adapter/workers/d1-identity-store.workers.test.ts.
const pouch: StoreFactory = {
  make: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallnet-identity-app-'));
    dirs.push(dir);
    return createPouchIdentityStore({ dir });
  },
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describeAccountEndpoints('pouch', pouch);
describeLoginEndpoints('pouch', pouch);
describeStaffLifecycleEndpoints('pouch', pouch);
describeSessionEndpoints('pouch', pouch);

describe('createIdentityApp options', () => {
  const base = () => ({
    store: createMemoryIdentityStore(),
    hasher: createScryptHasher(),
    sender: { send: async () => {} },
    district: 'dongcheng',
    clientAddress: () => 'x',
  });

  it('refuses a misconfiguration when built, not at the first request', async () => {
    await expectCode(() => createIdentityApp({ ...base(), district: 'dongcheng/jingshan' }), 'ERR_CONFIG', /district/);
    await expectCode(
      () => createIdentityApp({ ...base(), accessTtlSeconds: 86_400 }),
      'ERR_CONFIG',
      /accessTtlSeconds/,
    );
    await expectCode(
      () => createIdentityApp({ ...base(), clientAddress: undefined as never }),
      'ERR_CONFIG',
      /clientAddress/,
    );
    expect(createIdentityApp(base())).toBeDefined();
  });
});

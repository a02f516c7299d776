import { describe, expect, it } from 'vitest';
import { SigningKeys } from '../signing-keys.js';
import { describeIdentityStore } from '../testing/store-contract.js';
import { expectCode, testClock } from '../testing/identity-fixtures.js';
import { createMemoryIdentityStore } from './memory-identity-store.js';
import { sealSigningKeys } from './seal-signing-keys.js';

const SECRET = 'a-seal-secret-of-forty-characters-or-so!';

describeIdentityStore('memory, keys sealed', {
  make: async () => sealSigningKeys(createMemoryIdentityStore(), SECRET),
});

describe('sealSigningKeys', () => {
  it('keeps no private key part in the store underneath, and signs as before', async () => {
    const inner = createMemoryIdentityStore();
    const keys = new SigningKeys(sealSigningKeys(inner, SECRET), { clock: testClock().now, accessTtlSeconds: 600 });
    const { kid } = await keys.current();
    const [stored] = await inner.listKeys();
    expect(stored).toMatchObject({ kid, privateJwk: { kty: 'sealed', alg: 'A256GCM' } });
    expect(JSON.stringify(stored)).not.toMatch(/"d"/);
    expect(stored!.publicJwk).toMatchObject({ kty: 'EC', kid });
    // Another instance with the same secret signs with the same key.
    const again = new SigningKeys(sealSigningKeys(inner, SECRET), { clock: testClock().now, accessTtlSeconds: 600 });
    expect((await again.current()).kid).toBe(kid);
  });

  it('refuses a short secret when built, and a wrong secret or a key moved to another kid when read', async () => {
    await expectCode(() => sealSigningKeys(createMemoryIdentityStore(), 'short'), 'ERR_CONFIG', /32 characters/);
    const inner = createMemoryIdentityStore();
    await new SigningKeys(sealSigningKeys(inner, SECRET), { clock: testClock().now, accessTtlSeconds: 600 }).current();
    await expectCode(() => sealSigningKeys(inner, `${SECRET}-other`).listKeys(), 'ERR_CONFIG', /does not unseal/);
    const [k] = await inner.listKeys();
    await inner.saveKey({ ...k!, kid: 'someone-else' });
    await expectCode(() => sealSigningKeys(inner, SECRET).listKeys(), 'ERR_CONFIG', /someone-else does not unseal/);
  });

  it('still reads keys stored before sealing', async () => {
    const inner = createMemoryIdentityStore();
    const { kid } = await new SigningKeys(inner, { clock: testClock().now, accessTtlSeconds: 600 }).current();
    const [plain] = await sealSigningKeys(inner, SECRET).listKeys();
    expect(plain).toMatchObject({ kid, privateJwk: { kty: 'EC', d: expect.any(String) } });
  });
});

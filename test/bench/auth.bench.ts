import { createLocalJWKSet, jwtVerify } from 'jose';
import { join } from 'node:path';
import { createScryptHasher } from '../../identity/adapter/node/index.js';
import { startDistrict } from '../../deploy/start-district.js';
import { createAuthenticate } from '../../node/auth/authenticate.js';
import { client } from '../support/client.js';
import { signUpResident } from '../support/sign-up-resident.js';
import { tempDir } from '../support/temp-dir.js';
import { report } from './report.js';

const VERIFICATIONS = 5_000;
const LOGINS = 200;
const RESIDENT = { name: '赵敏', idNumber: '11010519491231002X', phone: '13800138001', password: 'resident-pass-1' };

async function perSecond(n: number, one: (i: number) => Promise<unknown>, concurrency = 1): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await one(next++);
    }),
  );
  return n / ((performance.now() - t) / 1000);
}

/**
 * Login figures (issue 4): token verifications per second at a node — identity tokens against the
 * replicated JWKS and clerk tokens with their certificate chain — beside jose's bare ES256 check;
 * logins per second at the identity service over HTTP beside the bare scrypt check they pay for.
 */
export async function runAuthBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-auth-');
  const CENTER = 'dongcheng';
  const A = 'dongcheng/jingshan/huangchenggen';
  const district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER },
      { org: A, staff: [{ account: 'clerk', name: '王窗口', roles: ['clerk'], password: 'clerk-pass-123' }] },
    ],
  });
  try {
    const node = district.nodes.get(A)!;
    while (!node.services.reference.jwks) await new Promise((r) => setTimeout(r, 50));
    const center = client(district.nodes.get(CENTER)!.url);
    await signUpResident(district.nodes.get(CENTER)!.url, join(dir.path, 'hub'), RESIDENT);
    const login = await center.post('/identity/login', {
      kind: 'resident',
      login: RESIDENT.phone,
      password: RESIDENT.password,
    });
    const residentToken: string = login.body.accessToken;
    const clerkToken: string = (
      await client(node.url).post('/api/auth/staff-login', { account: 'clerk', password: 'clerk-pass-123' })
    ).body.token;

    const authenticate = createAuthenticate(node.services.reference, node.services.tokens, () => new Date(), {
      org: node.services.org,
      staff: node.services.staff,
    });
    const jwks = createLocalJWKSet({ keys: node.services.reference.jwks!.keys });
    const bare = await perSecond(VERIFICATIONS, () => jwtVerify(residentToken, jwks, { algorithms: ['ES256'] }));
    const identity = await perSecond(VERIFICATIONS, () => authenticate(residentToken));
    const chained = await perSecond(VERIFICATIONS / 5, () => authenticate(clerkToken));
    report('auth.verify_identity_token_at_node', identity, 'tokens/s');
    report('auth.verify_clerk_token_with_chain_at_node', chained, 'tokens/s');
    report('auth.baseline_jose_es256_verify', bare, 'tokens/s');
    report('auth.identity_token_vs_baseline', identity / bare, 'ratio');

    const verifier = await createScryptHasher().hash(RESIDENT.password);
    const hasher = createScryptHasher();
    const scrypt = await perSecond(LOGINS, () => hasher.verify(RESIDENT.password, verifier), 2);
    const hub = district.hubUrl;
    const logins = await perSecond(
      LOGINS,
      async (i) => {
        // Each login from its own (forwarded) address, as residents at many halls would be.
        const res = await fetch(`${hub}/identity/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` },
          body: JSON.stringify({ kind: 'resident', login: RESIDENT.phone, password: RESIDENT.password }),
        });
        if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
      },
      4,
    );
    report('auth.logins_per_second_identity_http', logins, 'logins/s');
    report('auth.baseline_scrypt_verify', scrypt, 'checks/s');
    report('auth.logins_vs_scrypt', logins / scrypt, 'ratio');
  } finally {
    await district.close();
    dir.remove();
  }
}

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScryptHasher } from '../identity/adapter/node/index.js';
import type { RunningNode } from '../node/start-node.js';
import { client } from './support/client.js';
import { startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const dir = tempDir();
let node: RunningNode;
const zhao = { account: 'zhao', name: '赵窗口', org: COMMUNITY, roles: ['clerk' as const] };

beforeAll(async () => {
  node = await startTestNode(join(dir.path, 'community'), COMMUNITY);
});

afterAll(async () => {
  await node?.close();
  dir.remove();
});

describe('a clerk withdrawn centrally', () => {
  it('logs in at a cut-off node until its next pull from the identity service; then his login and his token stop there at once', async () => {
    // The identity service lists him: the node keeps his verifier and he logs in, hub or no hub.
    await node.services.staff.replaceFromIdentity([
      { ...zhao, verifier: await createScryptHasher().hash('zhao-password-1') },
    ]);
    const login = await client(node.url).post('/api/auth/staff-login', {
      account: 'zhao',
      password: 'zhao-password-1',
    });
    expect(login.status).toBe(200);
    const asZhao = client(node.url, login.body.token);
    expect((await asZhao.get('/api/cases')).status).toBe(200);

    // Disabled at the center: the next pull no longer lists him, and the node withdraws him.
    await node.services.staff.replaceFromIdentity([]);
    const refused = await asZhao.get('/api/cases');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('ERR_TOKEN_INVALID');
    expect(
      (await client(node.url).post('/api/auth/staff-login', { account: 'zhao', password: 'zhao-password-1' })).status,
    ).toBe(401);
    // A clerk added at the node itself (hallnet staff add) is not the identity service's to withdraw.
    expect(
      (await client(node.url).post('/api/auth/staff-login', { account: 'clerk', password: 'correct horse battery' }))
        .status,
    ).toBe(200);
  });
});

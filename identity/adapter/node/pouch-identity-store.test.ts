import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { phone } from '../../testing/identity-fixtures.js';
import { describeIdentityStore } from '../../testing/store-contract.js';
import { createPouchIdentityStore } from './pouch-identity-store.js';

const dirs: string[] = [];
let n = 0;
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'hallnet-identity-'));
  dirs.push(d);
  return d;
};

describeIdentityStore('pouch', {
  make: async () => createPouchIdentityStore({ dir: join(await tempDir(), 'data', String(n++)) }),
  cleanup: async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  },
});

describe('createPouchIdentityStore', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const d of cleanup) await rm(d, { recursive: true, force: true });
  });

  it('makes missing parent folders, keeps its own database named identity, and keeps data across reopening', async () => {
    const root = await mkdtemp(join(tmpdir(), 'hallnet-identity-'));
    cleanup.push(root);
    const dir = join(root, 'a', 'b');
    const first = await createPouchIdentityStore({ dir });
    await first.createAccount({
      kind: 'resident',
      sub: 'resident:x',
      name: '赵六',
      idNumber: '11010519491231002X',
      phone: phone(1),
      verifier: null,
      createdAt: 1,
    });
    await first.close();
    expect((await stat(join(dir, 'identity'))).isDirectory()).toBe(true);
    const again = await createPouchIdentityStore({ dir });
    expect((await again.findResident('phone', phone(1)))?.sub).toBe('resident:x');
    await again.close();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hubStoreContract } from '../testing/hub-store-contract.js';
import { createPouchStore } from './pouch-store.js';

describe('createPouchStore', () => {
  hubStoreContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallnet-pouch-store-'));
    // A nested folder: LevelDB would not create the parents.
    const store = await createPouchStore({ dir: join(dir, 'a', 'b') });
    return { store, close: () => rm(dir, { recursive: true, force: true }) };
  });

  it('refuses a sequence PouchDB would silently read as "from the start"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallnet-pouch-store-'));
    const store = await createPouchStore({ dir });
    await expect(store.changes({ since: 'garbage', limit: 1 })).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets a hub’s dozen followers wait for a change at once without warning of a listener leak', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallnet-pouch-store-'));
    const store = await createPouchStore({ dir });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const { updateSeq } = await store.info();
      const waiting = Array.from({ length: 16 }, () => store.waitForChange(updateSeq, { timeoutMs: 5000 }));
      await store.bulkDocs([{ _id: 'org:dongcheng', type: 'organisation' }], { newEdits: true });
      expect(await Promise.all(waiting)).toEqual(Array(16).fill(true));
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

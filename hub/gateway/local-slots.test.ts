import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store } from '../store/store.js';
import type { NodeIdentity } from './gateway-types.js';
import { LOCAL_IDLE_MS, LOCAL_SLOTS, LocalSlots, legacyLocalId } from './local-slots.js';

const node = (org: string, fingerprint = `fp-${org}`) => ({ org, node: fingerprint }) as NodeIdentity;
const A = node('dongcheng/jingshan/huangchenggen');
const B = node('dongcheng/jingshan/jingshanxi');

const dir = tempDir('hallnet-local-slots-');
let store: Store;
let now = Date.parse('2026-12-01T00:00:00Z');
let slots: LocalSlots;

beforeAll(async () => {
  store = await createPouchStore({ dir: dir.path });
  slots = new LocalSlots(store, () => now);
});

afterAll(async () => {
  await store?.close();
  dir.remove();
});

const ids = (prefix: string) => Array.from({ length: LOCAL_SLOTS }, (_, i) => `${prefix}-${i}`);

describe("a node's _local documents at the hub", () => {
  it(`keeps ${LOCAL_SLOTS} of them, each read back by its own node only, and refuses one more in use at once`, async () => {
    // Written all at once, as push and pull write their first checkpoints together.
    await Promise.all(ids('chk').map((id, i) => slots.put(A, id, { last_seq: String(i) })));
    for (const [i, id] of ids('chk').entries())
      expect(await slots.get(A, id)).toMatchObject({ last_seq: String(i), _rev: expect.any(String) });
    expect(await slots.get(B, 'chk-0')).toBeUndefined();
    expect(await slots.get(node(A.org, 'another-certificate'), 'chk-0')).toBeUndefined();
    await expect(slots.put(A, 'one-more', { last_seq: 'x' })).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' });
    expect(await slots.get(A, 'one-more')).toBeUndefined();
    // Rewriting one it holds always lands, and another organisation has slots of its own.
    await slots.put(A, 'chk-3', { last_seq: 'again' });
    expect(await slots.get(A, 'chk-3')).toMatchObject({ last_seq: 'again' });
    await slots.put(B, 'chk-0', { last_seq: 'b' });
    expect(await slots.get(B, 'chk-0')).toMatchObject({ last_seq: 'b' });
  });

  it('gives a new id the slot of the checkpoint idle longest once it has been idle for the idle time', async () => {
    now += LOCAL_IDLE_MS / 2;
    await slots.put(A, 'chk-0', { last_seq: 'kept in use' });
    now += LOCAL_IDLE_MS / 2 + 1;
    await slots.put(A, 'restarted-with-new-options', { last_seq: 'new' });
    expect(await slots.get(A, 'restarted-with-new-options')).toMatchObject({ last_seq: 'new' });
    expect(await slots.get(A, 'chk-0')).toMatchObject({ last_seq: 'kept in use' });
    // The one taken over reads as missing (its replication would start over), never as the newcomer's.
    const gone = ids('chk').filter((id) => id !== 'chk-0');
    const missing = await Promise.all(gone.map(async (id) => (await slots.get(A, id)) === undefined));
    expect(missing.filter(Boolean)).toHaveLength(1);
  });

  it('still reads a checkpoint written before the slots, until the node writes it again', async () => {
    await store.putLocal(legacyLocalId(A, 'old'), { last_seq: 'from before' });
    expect(await slots.get(A, 'old')).toMatchObject({ last_seq: 'from before' });
    expect(await slots.get(B, 'old')).toBeUndefined();
  });
});

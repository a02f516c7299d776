import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPouchStore } from '../store/pouch-store.js';
import { storeIdentity } from '../store/store-identity.js';
import type { Store, StoredDoc } from '../store/store.js';
import { readIndexSnapshot, writeIndexSnapshot, type IndexSnapshot } from './index-snapshot.js';
import { VisibilityIndex } from './visibility-index.js';

const snapshot = (): IndexSnapshot => ({
  storeId: 'store-a',
  storeSeq: '41-g1AAAAB',
  head: 9,
  marks: [
    { pos: 0, seq: '0' },
    { pos: 4, seq: '17-g1AAA' },
  ],
  lists: {
    ids: ['case:一', 'org:d/s1', 'gone'],
    winners: {
      generations: new Uint32Array([2, 1, 0]),
      hashes: new Uint8Array(Array.from({ length: 48 }, (_, i) => i)),
      odd: [[2, '3-made-by-hand']],
    },
    positions: new Float64Array([9, 2, 5]),
    visibility: new Uint32Array([0, 1, 0]),
    deleted: new Uint8Array([0, 0, 1]),
    otherLeaves: [[0, ['2-aa']]],
    visibilities: [
      { type: 'case', parties: ['d/s1/c1'] },
      { type: 'organisation', parties: ['d/s1'] },
    ],
  },
});

describe('index snapshots', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-snapshot-'));
    path = join(dir, 'data', 'visibility.snapshot');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads back exactly what was written', async () => {
    await writeIndexSnapshot(path, snapshot());
    expect(await readIndexSnapshot(path, 'store-a')).toEqual({ ok: true, snapshot: snapshot() });
  });

  it('refuses a missing, partial, corrupt, foreign or other-format snapshot, each with its reason', async () => {
    expect(await readIndexSnapshot(path, 'store-a')).toEqual({ ok: false, reason: 'ERR_SNAPSHOT_MISSING' });
    await writeIndexSnapshot(path, snapshot());
    const good = new Uint8Array(await readFile(path));
    expect(await readIndexSnapshot(path, 'store-b')).toEqual({ ok: false, reason: 'ERR_SNAPSHOT_FOREIGN_STORE' });

    await writeFile(path, good.subarray(0, good.length - 10));
    expect(await readIndexSnapshot(path, 'store-a')).toEqual({ ok: false, reason: 'ERR_SNAPSHOT_CHECKSUM' });
    await writeFile(path, good.subarray(0, 20));
    expect(await readIndexSnapshot(path, 'store-a')).toEqual({ ok: false, reason: 'ERR_SNAPSHOT_TRUNCATED' });
    const flipped = good.slice();
    flipped[good.length - 40] = (flipped[good.length - 40] as number) ^ 1;
    await writeFile(path, flipped);
    expect(await readIndexSnapshot(path, 'store-a')).toEqual({ ok: false, reason: 'ERR_SNAPSHOT_CHECKSUM' });
    const newer = good.slice();
    new DataView(newer.buffer).setUint32(4, 99, true);
    await writeFile(path, newer);
    expect(await readIndexSnapshot(path, 'store-a')).toEqual({ ok: false, reason: 'ERR_SNAPSHOT_FORMAT' });
    await writeFile(path, 'not a snapshot at all, but long enough to have a trailer');
    expect(await readIndexSnapshot(path, 'store-a')).toEqual({ ok: false, reason: 'ERR_SNAPSHOT_FORMAT' });
  });

  describe('at an index start', () => {
    let store: Store;
    const lines: { msg: string; reason?: string }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }),
    );
    beforeEach(async () => {
      lines.length = 0;
      store = await createPouchStore({ dir: join(dir, 'store') });
      const docs = Array.from({ length: 20 }, (_, i) => ({
        _id: `c${i}`,
        type: 'case',
        parties: [i % 2 ? 'd/s1' : 'd/s2'],
      }));
      expect(await store.bulkDocs(docs as StoredDoc[], { newEdits: true })).toEqual([]);
    });
    afterEach(() => store.close());
    const build = async () => {
      const index = new VisibilityIndex(store, { logger, snapshot: { path } });
      await index.ready;
      return index;
    };

    it('ignores a snapshot of another store with a log line, and builds from the whole feed', async () => {
      await writeIndexSnapshot(path, { ...snapshot(), storeId: 'another-store' });
      const index = await build();
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: expect.stringContaining('snapshot ignored'),
          reason: 'ERR_SNAPSHOT_FOREIGN_STORE',
        }),
      );
      expect(index.liveCount('d/s1')).toBe(10);
      expect(index.known('case:一')).toBeUndefined();
      await index.close();
      // Its own snapshot, written at close, is used next time.
      lines.length = 0;
      const again = await build();
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: expect.stringContaining('restored from its snapshot') }),
      );
      expect(again.liveCount('d/s1')).toBe(10);
      await again.close();
    });

    it('ignores a corrupt snapshot of its own store and still agrees with the store', async () => {
      await (await build()).close();
      const good = new Uint8Array(await readFile(path));
      good[good.length - 50] = (good[good.length - 50] as number) ^ 0xff;
      await writeFile(path, good);
      lines.length = 0;
      const index = await build();
      expect(lines).toContainEqual(expect.objectContaining({ reason: 'ERR_SNAPSHOT_CHECKSUM' }));
      expect(index.liveCount('d/s2')).toBe(10);
      await index.close();
    });

    it('keys snapshots to the store, whose identity outlives the hub and changes with a new database', async () => {
      const id = await storeIdentity(store);
      expect(await storeIdentity(store)).toBe(id);
      const other = await createPouchStore({ dir: join(dir, 'other-store') });
      expect(await storeIdentity(other)).not.toBe(id);
      await other.close();
    });
  });
});

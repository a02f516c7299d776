import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { keepCaseAlive } from './keep-case-alive.js';

const logger = pino({ level: 'silent' });
const hash = (c: string) => c.repeat(32);

describe('keepCaseAlive', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-alive-'));
    store = await createPouchStore({ dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A case at revision 1 with two branches beside each other, each carrying event `e`. */
  async function twoBranches(): Promise<{ a: StoredDoc; b: StoredDoc }> {
    const root = { _id: 'case:x', _rev: `1-${hash('r')}`, type: 'case', parties: ['d/s'], events: ['acc'] };
    const branch = (c: string): StoredDoc => ({
      ...root,
      events: ['acc', 'e'],
      _rev: `2-${hash(c)}`,
      _revisions: { start: 2, ids: [hash(c), hash('r')] },
    });
    const [a, b] = [branch('a'), branch('b')];
    expect(await store.bulkDocs([root as StoredDoc, a, b], { newEdits: false })).toEqual([]);
    return { a, b };
  }
  /** A tombstone retiring `leaf`, through a revision never sent (`pad`) when one is given. */
  const tombstoneOf = (leaf: StoredDoc, c: string, pad?: string): StoredDoc => {
    const between = pad ? [hash(pad)] : [];
    return {
      _id: leaf._id,
      _rev: `${3 + between.length}-${hash(c)}`,
      _deleted: true,
      type: 'case',
      parties: ['d/s'],
      _revisions: { start: 3 + between.length, ids: [hash(c), ...between, (leaf._rev as string).slice(2), hash('r')] },
    };
  };
  const live = async () =>
    (await store.openRevs('case:x', 'all')).flatMap((l) => ('ok' in l && !l.ok._deleted ? [l.ok] : []));

  it('brings back the branch the last tombstone retired when two tombstones left no revision live', async () => {
    const { a, b } = await twoBranches();
    const [ta, tb] = [tombstoneOf(a, 'c'), tombstoneOf(b, 'd')];
    expect(await store.bulkDocs([ta, tb], { newEdits: false })).toEqual([]);
    expect(await live()).toEqual([]);
    await keepCaseAlive(store, tb, logger);
    const [back, ...more] = await live();
    expect(more).toEqual([]);
    expect(back).toMatchObject({ _id: 'case:x', type: 'case', events: ['acc', 'e'], parties: ['d/s'] });
    expect(back!._rev).toMatch(/^4-/);
  });

  it('brings back the branch when the tombstone names a revision between that was never sent', async () => {
    const { a, b } = await twoBranches();
    const [ta, tb] = [tombstoneOf(a, 'c', 'e'), tombstoneOf(b, 'd', 'f')];
    expect(await store.bulkDocs([ta, tb], { newEdits: false })).toEqual([]);
    expect(await live()).toEqual([]);
    await keepCaseAlive(store, tb, logger);
    expect(await live()).toEqual([expect.objectContaining({ events: ['acc', 'e'] })]);
  });

  it('leaves a case alone while a revision is live', async () => {
    const { a } = await twoBranches();
    const ta = tombstoneOf(a, 'c');
    expect(await store.bulkDocs([ta], { newEdits: false })).toEqual([]);
    await keepCaseAlive(store, ta, logger);
    expect((await live()).map((d) => d._rev)).toEqual([`2-${hash('b')}`]);
  });
});

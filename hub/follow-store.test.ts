import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../test/support/eventually.js';
import { tempDir } from '../test/support/temp-dir.js';
import { followStore } from './follow-store.js';
import { createPouchStore } from './store/pouch-store.js';
import type { Store, StoredDoc } from './store/store.js';

describe('followStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('skips and logs a document its view cannot take, and goes on with the rest', async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    await store.bulkDocs([{ _id: 'grant:1' }, { _id: 'grant:poison' }, { _id: 'grant:3' }], { newEdits: true });
    const taken: string[] = [];
    const warned: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warned.push(JSON.parse(line).id) });
    const follower = followStore(
      store,
      'grant:',
      (doc) => {
        if (doc._id === 'grant:poison') throw new Error('cannot read it');
        taken.push(doc._id);
      },
      logger,
    );
    await follower.ready;
    await store.bulkDocs([{ _id: 'grant:4' }], { newEdits: true });
    while (!taken.includes('grant:4')) await new Promise((r) => setTimeout(r, 20));
    follower.stop();
    expect(taken).toEqual(['grant:1', 'grant:3', 'grant:4']);
    expect(warned).toEqual(['grant:poison']);
  });

  it("delivers the prefix's documents at start and as they change, without reading the district's bodies", async () => {
    const cases = Array.from({ length: 2500 }, (_, i) => ({ _id: `case:${i}`, type: 'case' }));
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    await store.bulkDocs(
      [...cases, { _id: 'grant:1', v: 1 }, { _id: 'grant:2', v: 1 }, { _id: 'grantee', v: 1 }] as StoredDoc[],
      { newEdits: true },
    );
    let bodiesFromFeed = 0;
    const watched: Store = {
      ...store,
      changes: async (q) => ((bodiesFromFeed += q.includeDocs ? 1 : 0), store.changes(q)),
    };
    const seen: string[] = [];
    const follower = followStore(
      watched,
      'grant:',
      (doc) => seen.push(`${doc._id}@${String(doc.v)}`),
      pino({ level: 'silent' }),
    );
    await follower.ready;
    expect(seen.sort()).toEqual(['grant:1@1', 'grant:2@1']);
    const two = await store.get('grant:2');
    await store.bulkDocs(
      [
        { ...(two as StoredDoc), v: 2 },
        { _id: 'grant:3', v: 1 },
        { _id: 'case:new', type: 'case' },
      ],
      { newEdits: true },
    );
    await eventually(() => seen.includes('grant:2@2') && seen.includes('grant:3@1'), 5000, 'later grants delivered');
    follower.stop();
    expect(seen.filter((s) => !s.startsWith('grant:'))).toEqual([]);
    expect(bodiesFromFeed).toBe(0);
  });
});

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

  it('reads the feed once for every view, and a view that stops leaves the others following', async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    let pagesRead = 0;
    const watched: Store = { ...store, changes: async (q) => (pagesRead++, store.changes(q)) };
    const prefixes = ['grant:', 'revocation:', 'matter:', 'organisation:'];
    const seen = new Map(prefixes.map((p) => [p, [] as string[]]));
    const followers = prefixes.map((p) =>
      followStore(watched, p, (doc) => seen.get(p)!.push(doc._id), pino({ level: 'silent' })),
    );
    await Promise.all(followers.map((f) => f.ready));
    // Let the tail read its first (empty) page and wait on the store.
    await new Promise((r) => setTimeout(r, 200));
    const before = pagesRead;
    await store.bulkDocs(
      prefixes.map((p) => ({ _id: `${p}1` })),
      { newEdits: true },
    );
    await eventually(
      () => prefixes.every((p) => seen.get(p)!.includes(`${p}1`)),
      5000,
      'every view given its document',
    );
    expect(pagesRead - before).toBeLessThanOrEqual(2);
    followers[0]!.stop();
    // One that joins late still gets what was written before it and after.
    await store.bulkDocs([{ _id: 'matter:2' }], { newEdits: true });
    const late: string[] = [];
    const lateFollower = followStore(watched, 'matter:', (doc) => late.push(doc._id), pino({ level: 'silent' }));
    await lateFollower.ready;
    await store.bulkDocs([{ _id: 'matter:3' }, { _id: 'grant:2' }], { newEdits: true });
    await eventually(() => late.includes('matter:3') && seen.get('matter:')!.includes('matter:3'), 5000, 'late view');
    // A change around its start may come twice (from the list and the feed), as with a feed of its own.
    expect([...new Set(late)].sort()).toEqual(['matter:1', 'matter:2', 'matter:3']);
    expect(seen.get('grant:')).toEqual(['grant:1']);
    for (const f of [...followers, lateFollower]) f.stop();
  });

  it('does not hold the other views while one reads its start, and gives that one what changed meanwhile', async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    await store.bulkDocs([{ _id: 'case:1' }], { newEdits: true });
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const slow: Store = {
      ...store,
      docsByPrefix: async (prefix, page) => {
        if (prefix === 'case:') await gate;
        return store.docsByPrefix(prefix, page);
      },
    };
    const grants: string[] = [];
    const cases: string[] = [];
    const g = followStore(slow, 'grant:', (doc) => grants.push(doc._id), pino({ level: 'silent' }));
    await g.ready;
    const c = followStore(slow, 'case:', (doc) => cases.push(doc._id), pino({ level: 'silent' }));
    await store.bulkDocs([{ _id: 'grant:1' }, { _id: 'case:2' }], { newEdits: true });
    await eventually(() => grants.includes('grant:1'), 5000, 'the grant while the cases are being read');
    expect(cases).toEqual([]);
    expect(c.position()).toBeUndefined();
    open();
    await c.ready;
    await eventually(() => cases.includes('case:2'), 5000, 'the case written during the read');
    expect([...new Set(cases)].sort()).toEqual(['case:1', 'case:2']);
    expect(c.position()).toBeDefined();
    g.stop();
    c.stop();
  });
});

import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { durableLeveldown } from './durable-leveldown.js';
import { GroupCommit } from './group-commit.js';

type Batch = { _id: string }[];

/** The replica, every `bulkDocs` it is asked for recorded (the one numbered `failBatch` failing). */
function recorded(db: PouchDB.Database) {
  const batches: Batch[] = [];
  const state = { failBatch: -1 };
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'bulkDocs') return Reflect.get(target, prop, receiver);
      return (docs: Batch) => {
        batches.push(docs);
        return batches.length - 1 === state.failBatch ? Promise.reject(new Error('disk gone')) : target.bulkDocs(docs);
      };
    },
  });
  return { db: proxy, batches, state };
}

describe('GroupCommit', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: PouchDB.Database;

  beforeEach(() => {
    dir = tempDir();
    db = new PouchDB(join(dir.path, 'db'), { db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  });
  afterEach(async () => {
    await db.close();
    dir.remove();
  });

  it('stores a write to an idle database at once, in a batch of its own', async () => {
    const r = recorded(db);
    const group = new GroupCommit(r.db);
    const put = group.put({ _id: 'a', n: 1 });
    expect(r.batches).toHaveLength(1);
    expect((await put).ok).toBe(true);
    expect(await db.get('a')).toMatchObject({ n: 1 });
  });

  it('gathers the writes asked for while a batch is stored into the next one, answering each its own result', async () => {
    const r = recorded(db);
    const group = new GroupCommit(r.db);
    const writes = Array.from({ length: 20 }, (_, i) =>
      group.write([
        { _id: `d${i}`, n: i },
        { _id: `e${i}`, n: i },
      ]),
    );
    const results = await Promise.all(writes);
    expect(r.batches.map((b) => b.length)).toEqual([2, 38]);
    results.forEach((res, i) => expect(res.map((x) => x.id)).toEqual([`d${i}`, `e${i}`]));
    expect((await db.allDocs()).total_rows).toBe(40);
  });

  it('answers a conflict to its own writer only, as separate writes would', async () => {
    const first = await db.put({ _id: 'case', v: 0 });
    const group = new GroupCommit(db);
    const [a, b, c] = await Promise.allSettled([
      group.put({ _id: 'other', v: 0 }),
      group.put({ _id: 'case', _rev: first.rev, v: 1 }),
      group.put({ _id: 'case', _rev: first.rev, v: 2 }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('fulfilled');
    expect(c).toMatchObject({ status: 'rejected', reason: { status: 409 } });
    expect(await db.get('case')).toMatchObject({ v: 1 });
  });

  it('rejects every writer of a batch that failed, and stores the writes after it', async () => {
    const r = recorded(db);
    const group = new GroupCommit(r.db);
    r.state.failBatch = 1;
    const first = group.put({ _id: 'w' });
    const failed = [group.put({ _id: 'x' }), group.put({ _id: 'y' })];
    await expect(failed[0]).rejects.toThrow('disk gone');
    await expect(failed[1]).rejects.toThrow('disk gone');
    expect((await first).ok).toBe(true);
    expect((await group.put({ _id: 'z' })).ok).toBe(true);
    expect(r.batches.map((b) => b.map((d) => d._id))).toEqual([['w'], ['x', 'y'], ['z']]);
    expect((await db.allDocs()).rows.map((row) => row.id)).toEqual(['w', 'z']);
  });
});

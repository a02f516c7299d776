import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { followReplica, type ReplicaChange } from './follow-replica.js';

const log = { warn: () => undefined };

describe('followReplica', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: PouchDB.Database;
  let feedsOpened: number;
  let counted: PouchDB.Database;

  beforeEach(() => {
    dir = tempDir();
    db = new PouchDB(join(dir.path, 'db'));
    feedsOpened = 0;
    counted = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'changes') return Reflect.get(target, prop, receiver);
        return (o: PouchDB.Core.ChangesOptions) => {
          feedsOpened++;
          return target.changes(o);
        };
      },
    });
  });
  afterEach(async () => {
    await db.close();
    dir.remove();
  });

  /** What a follower from `since` is given, as ids in order. */
  const follow = (since: number, conflicts = false) => {
    const got: ReplicaChange[] = [];
    const f = followReplica(counted, { since, conflicts, what: 'test', log }, (ch) => got.push(ch));
    return { got, ids: () => got.map((c) => c.id), cancel: () => f.cancel() };
  };

  it("gives each follower the changes after its own start, in order, as the replica's own feed gives them, reading them once", async () => {
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    const late = follow(3);
    await db.put({ _id: 'd' });
    await eventually(() => late.got.length === 1);
    expect(late.ids()).toEqual(['d']);
    // A follower starting behind the feed takes it back; the first is not given anything twice.
    const early = follow(1);
    await db.put({ _id: 'e' });
    await eventually(() => early.got.length === 4 && late.got.length === 2);
    expect(early.ids()).toEqual(['b', 'c', 'd', 'e']);
    expect(late.ids()).toEqual(['d', 'e']);
    const plain = await db.changes({ since: 1, include_docs: true });
    expect(early.got.map((c) => c.doc?._id)).toEqual(plain.results.map((r) => r.doc?._id));
    // One that starts where the feed stands joins it: no feed more.
    const head = follow(5, true);
    await db.put({ _id: 'f' });
    await eventually(() => head.got.length === 1 && early.got.length === 5 && late.got.length === 3);
    expect(head.ids()).toEqual(['f']);
    expect(feedsOpened).toBe(2);
    for (const f of [late, early, head]) f.cancel();
  });

  it('gives conflicts only to a follower that asked for them', async () => {
    await db.bulkDocs(
      [
        { _id: 'x', _rev: '1-a' },
        { _id: 'x', _rev: '1-b' },
      ] as never,
      { new_edits: false },
    );
    const plain = follow(0);
    const withConflicts = follow(0, true);
    await eventually(() => withConflicts.got.length === 1 && plain.got.length === 1);
    expect(withConflicts.got[0]?.doc).toMatchObject({ _conflicts: ['1-a'] });
    expect(plain.got[0]?.doc).not.toHaveProperty('_conflicts');
    plain.cancel();
    withConflicts.cancel();
  });

  it('opens the feed again for the next follower once every follower has cancelled', async () => {
    const first = follow(0);
    first.cancel();
    await db.put({ _id: 'a' });
    const second = follow(0);
    await eventually(() => second.got.length === 1);
    expect(second.ids()).toEqual(['a']);
    expect(first.got).toEqual([]);
    second.cancel();
  });
});

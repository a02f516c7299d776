import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDoc } from '../../sync/index.js';
import { caseDoc, event, signed, signedEvent, testKeys } from '../../test/support/fixtures.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { CaseIndex } from './case-index.js';

/**
 * The replica, with reads of particular revisions held at a gate the test opens: so the test can
 * change the database between the index asking for a conflicting revision and PouchDB answering.
 */
function gatedDb(db: PouchDB.Database) {
  let open!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (entered = r));
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'get') return Reflect.get(target, prop, receiver);
      return async (id: string, opts?: { rev?: string; open_revs?: unknown }) => {
        if (opts?.rev || opts?.open_revs) {
          entered();
          await gate;
        }
        return target.get(id, opts ?? {});
      };
    },
  });
  return { db: proxy, reached, open };
}

/** A revision id as PouchDB makes them: generation and 32 hex digits. */
const rev = (n: number, tag: string) => `${n}-${tag.repeat(32).slice(0, 32)}`;

const { signer, keys } = testKeys();
const trust = { org: 'dongcheng', keys };

describe('CaseIndex following the replica', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: PouchDB.Database;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    dir = tempDir();
    db = new PouchDB(join(dir.path, 'db'));
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    await db.close();
    dir.remove();
  });

  it('survives a conflicting revision that the compactor removed while it was being read, and ends on the merged case', async () => {
    const warnings: unknown[] = [];
    const gated = gatedDb(db);
    const index = new CaseIndex(gated.db, 24, trust, { warn: (detail: object) => warnings.push(detail) });
    await index.load();

    // Two offices append to the same case apart: a conflict of two revisions 2-a… and 2-b….
    const base = signed(signer, caseDoc('dongcheng/jingshan/huangchenggen'));
    const first = await db.put(base);
    const [fromCommunity, fromStreet] = [
      signedEvent(
        signer,
        base,
        event('material-received', 'dongcheng/jingshan/huangchenggen', '2026-11-02T03:00:00.000Z'),
      ),
      signedEvent(signer, base, event('material-received', 'dongcheng/jingshan', '2026-11-02T04:00:00.000Z')),
    ];
    const branch = (tag: string, e: CaseDoc['events'][number]) => ({
      ...base,
      _rev: rev(2, tag),
      _revisions: { start: 2, ids: [rev(2, tag).slice(2), first.rev.slice(2)] },
      events: [...base.events, e],
    });
    await db.bulkDocs([branch('a', fromCommunity), branch('b', fromStreet)], { new_edits: false });
    await gated.reached; // the index asked for the losing revision, 2-a…

    // Meanwhile the hub's compactor merges the two, deletes the loser, and the replica compacts it away.
    const winner = await db.get<CaseDoc>(base._id, { conflicts: true });
    expect(winner._conflicts).toEqual([rev(2, 'a')]);
    await db.bulkDocs([
      { ...winner, _conflicts: undefined, events: [...base.events, fromStreet, fromCommunity] },
      { _id: base._id, _rev: rev(2, 'a'), _deleted: true },
    ] as never[]);
    await db.compact();
    await expect(db.get(base._id, { rev: rev(2, 'a') })).rejects.toMatchObject({ status: 404 });
    gated.open();

    const id = base._id.slice('case:'.length);
    await waitFor(() => index.get(id)?.events.length === 3);
    // Let any late ingestion of the stale change land: it must not take the case back.
    await new Promise((r) => setTimeout(r, 100));
    expect(
      index
        .get(id)!
        .events.map((e) => e.id)
        .sort(),
    ).toEqual([base.events[0]!.id, fromCommunity.id, fromStreet.id].sort());
    expect(unhandled).toEqual([]);
    expect(warnings).toEqual([]);
    index.close();
  });

  it('applies a deletion after the change before it, never a stale revision after the deletion', async () => {
    const gated = gatedDb(db);
    const index = new CaseIndex(gated.db, 24, trust);
    await index.load();
    const base = signed(signer, caseDoc('dongcheng/jingshan'));
    const first = await db.put(base);
    await db.bulkDocs(
      [
        {
          ...base,
          _rev: rev(2, 'c'),
          _revisions: { start: 2, ids: ['c'.repeat(32), first.rev.slice(2)] },
          events: [
            ...base.events,
            signedEvent(signer, base, event('completed', 'dongcheng/jingshan', '2026-11-03T02:00:00.000Z')),
          ],
        },
        { ...base, _rev: rev(2, 'd'), _revisions: { start: 2, ids: ['d'.repeat(32), first.rev.slice(2)] } },
      ],
      { new_edits: false },
    );
    await gated.reached;
    // Both branches deleted: the case is gone while the index still reads the conflict.
    await db.bulkDocs([
      { _id: base._id, _rev: rev(2, 'c'), _deleted: true },
      { _id: base._id, _rev: rev(2, 'd'), _deleted: true },
    ] as never[]);
    const id = base._id.slice('case:'.length);
    await waitFor(async () => (await db.changes({ since: 0 })).results.some((r) => r.id === base._id && r.deleted));
    gated.open();
    await new Promise((r) => setTimeout(r, 200));
    expect(index.get(id)).toBeUndefined();
    expect(unhandled).toEqual([]);
    index.close();
  });

  it("keeps following after the replica's changes feed fails: what arrives afterwards is indexed", async () => {
    // PouchDB ends a live feed on its first error; the index must open it again, not stop seeing sync.
    const feeds: PouchDB.Core.Changes<object>[] = [];
    const watched = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'changes') return Reflect.get(target, prop, receiver);
        return (opts: PouchDB.Core.ChangesOptions) => {
          const feed = target.changes(opts);
          if (opts.live) feeds.push(feed);
          return feed;
        };
      },
    });
    const warnings: unknown[] = [];
    const index = new CaseIndex(watched, 24, trust, { warn: (detail: object) => warnings.push(detail) });
    await index.load();
    const before = signed(signer, caseDoc('dongcheng/jingshan'));
    await db.put(before);
    await waitFor(() => index.get(before._id.slice('case:'.length)) !== undefined);
    feeds[0]!.emit('error', new Error('leveldb read failed'));
    const after = signed(signer, caseDoc('dongcheng/jingshan'));
    await db.put(after);
    await waitFor(() => index.get(after._id.slice('case:'.length)) !== undefined);
    expect(warnings).toHaveLength(1);
    expect(feeds.length).toBe(2);
    await index.close();
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('CaseIndex across a restart', () => {
  it('checks each case revision once: a restart folds what was verified before without verifying it again, and checks anything new', async () => {
    const dir = tempDir();
    const db = new PouchDB(join(dir.path, 'db'));
    try {
      const docs = Array.from({ length: 20 }, () => signed(signer, caseDoc('dongcheng/jingshan')));
      await db.bulkDocs(docs);
      const first = new CaseIndex(db, 24, trust);
      await first.load();
      expect(first.size).toBe(20);
      await first.close();

      // Restarted with keys that verify nothing: only the cases checked before may be folded.
      const { keys: strangers } = testKeys();
      const forged = signed(testKeys().signer, caseDoc('dongcheng/jingshan'));
      await db.put(forged);
      const again = new CaseIndex(db, 24, { org: 'dongcheng', keys: strangers });
      await again.load();
      expect(again.size).toBe(20);
      expect(again.get(forged._id.slice('case:'.length))).toBeUndefined();
      expect(again.untrusted()).toEqual([{ id: forged._id, reason: 'no-valid-acceptance' }]);
      await again.close();
    } finally {
      await db.close();
      dir.remove();
    }
  });
});

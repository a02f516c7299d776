import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactConflicts, startConflictCompactor } from './compact-conflicts.js';
import { createPouchStore } from './store/pouch-store.js';
import type { Store, StoredDoc } from './store/store.js';
import { caseDoc, withEvent } from './testing/hub-fixtures.js';
import { canonicalJson, type CaseDoc } from '../sync/index.js';

const HCG = 'dongcheng/jingshan/huangchenggen';
const XC = 'xicheng/jinrongjie/fengsheng';
const DC_DEPT = 'dongcheng/dept/police';

describe('compactConflicts', () => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-compact-'));
    store = await createPouchStore({ dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Two offline edits of one case: one base revision and two children, as two nodes push them. */
  async function conflictedCase(): Promise<{ id: string; eventIds: string[] }> {
    const base = { ...caseDoc({ scope: HCG }), _rev: '1-aaaa' };
    const left = { ...withEvent(base, HCG), _rev: '2-bbbb', _revisions: { start: 2, ids: ['bbbb', 'aaaa'] } };
    const right = {
      ...withEvent(base, HCG, { kind: 'forwarded', to: 'dongcheng/dept/health' }),
      _rev: '2-cccc',
      _revisions: { start: 2, ids: ['cccc', 'aaaa'] },
    };
    const a = left.events.at(-1)!;
    const b = right.events.at(-1)!;
    expect(await store.bulkDocs([base, left, right] as StoredDoc[], { newEdits: false })).toEqual([]);
    return { id: base._id, eventIds: [base.events[0]?.id as string, a.id, b.id] };
  }

  it('merges the events and parties of conflicting case revisions and removes the losers', async () => {
    const { id, eventIds } = await conflictedCase();
    // A conflicted document of another type is not the compactor's business.
    await store.bulkDocs(
      [
        { _id: 'note:1', _rev: '1-aa', type: 'notice' },
        { _id: 'note:1', _rev: '1-bb', type: 'notice' },
      ],
      { newEdits: false },
    );
    const result = await compactConflicts(store);
    expect(result).toEqual({ merged: [id], retry: [], left: [], restored: [] });
    const doc = await store.get(id, { conflicts: true });
    expect(doc?._conflicts ?? []).toEqual([]);
    expect((doc?.events as { id: string }[]).map((e) => e.id).sort()).toEqual([...eventIds].sort());
    expect(doc?.parties).toEqual(['dongcheng/dept/health', HCG]);
    expect(doc?._rev).toMatch(/^3-/);
    expect((await store.get('note:1', { conflicts: true }))?._conflicts).toHaveLength(1);
  });

  it('leaves the case a live revision when a node retires the winner while the merge is being written', async () => {
    const { id } = await conflictedCase();
    const winner = (await store.get(id))!._rev as string;
    // A station's tombstone on the winner (its branch kept by the other), stored between the compactor's read and its write.
    let raced = false;
    const racing = new Proxy(store, {
      get(target, key) {
        if (key === 'bulkDocs')
          return async (docs: StoredDoc[], opts: { newEdits: boolean }) => {
            if (!raced && opts.newEdits) {
              raced = true;
              const tomb = { _id: id, _rev: '3-dddd', _deleted: true, type: 'case', parties: [HCG] };
              const history = { start: 3, ids: ['dddd', winner.slice(2), 'aaaa'] };
              expect(await target.bulkDocs([{ ...tomb, _revisions: history }], { newEdits: false })).toEqual([]);
            }
            return target.bulkDocs(docs, opts);
          };
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const result = await compactConflicts(racing);
    expect(result.merged).toEqual([]);
    const live = (await store.openRevs(id, 'all')).filter((l) => 'ok' in l && !l.ok._deleted);
    expect(live).toHaveLength(1);
  });

  it('brings back a case that a hub killed between two tombstones and its look again left with no live revision', async () => {
    const { id, eventIds } = await conflictedCase();
    // Each branch retired by a tombstone the gateway stored (stamped with type and parties), and no keep-alive after.
    const tombs = ['bbbb', 'cccc'].map((b, i) => ({
      _id: id,
      _rev: `3-dea${i}`,
      _deleted: true,
      type: 'case',
      parties: [HCG],
      _revisions: { start: 3, ids: [`dea${i}`, b, 'aaaa'] },
    }));
    expect(await store.bulkDocs(tombs, { newEdits: false })).toEqual([]);
    expect(await store.get(id)).toBeUndefined();

    expect(await compactConflicts(store)).toEqual({ merged: [], retry: [], left: [], restored: [id] });
    const doc = await store.get(id);
    expect(doc?._rev).toMatch(/^4-/);
    // The winning tombstone's branch (the forwarding) is live again; the other's event stays on its retired leaf.
    expect((doc?.events as { id: string }[]).map((e) => e.id)).toEqual([eventIds[0], eventIds[2]]);
    // Once live again, the next run finds nothing to do.
    expect(await compactConflicts(store)).toEqual({ merged: [], retry: [], left: [], restored: [] });
  });

  it('resumes from its checkpoint, so a second run reads only what changed since', async () => {
    await conflictedCase();
    expect((await compactConflicts(store)).merged).toHaveLength(1);
    expect(await compactConflicts(store)).toEqual({ merged: [], retry: [], left: [], restored: [] });
    const { id } = await conflictedCase();
    expect((await compactConflicts(store)).merged).toEqual([id]);
  });

  it('lets two hub instances compact at once: each finishes, the case is merged once', async () => {
    const { id, eventIds } = await conflictedCase();
    const [a, b] = await Promise.all([compactConflicts(store), compactConflicts(store)]);
    expect([...a.merged, ...b.merged]).toContain(id);
    const doc = await store.get(id, { conflicts: true });
    expect(doc?._conflicts ?? []).toEqual([]);
    expect((doc?.events as { id: string }[]).map((e) => e.id).sort()).toEqual([...eventIds].sort());
    // Whichever checkpoint was written last, the next run finds nothing left to merge.
    expect((await compactConflicts(store)).merged).toEqual([]);
  });

  /** A 西城 case forwarded to 东城's department (the matter's), with a conflict: 西城's hall and 东城's department each appended offline. */
  async function crossDistrictConflict(department = 'dongcheng/dept/police') {
    const accepted = { ...caseDoc({ scope: XC }), department };
    const base = { ...withEvent(accepted, XC, { kind: 'forwarded', to: DC_DEPT }), _rev: '1-aaaa' };
    const xc = { ...withEvent(base, XC), _rev: '2-bbbb', _revisions: { start: 2, ids: ['bbbb', 'aaaa'] } };
    const dc = {
      ...withEvent(base, DC_DEPT, { kind: 'completed' }),
      _rev: '2-cccc',
      _revisions: { start: 2, ids: ['cccc', 'aaaa'] },
    };
    expect(await store.bulkDocs([base, xc, dc] as StoredDoc[], { newEdits: false })).toEqual([]);
    return { id: base._id, branches: [xc.events, dc.events] };
  }

  it("merges a conflict on a case that crosses districts only at the deciding district's hub, every signed event unchanged", async () => {
    const { id, branches } = await crossDistrictConflict();
    // The accepting district, the city and a hub that names no district leave both branches to 东城.
    for (const district of ['xicheng', 'beijing', undefined]) {
      expect(await compactConflicts(store, { district })).toEqual({ merged: [], retry: [], left: [id], restored: [] });
      await store.putLocal('hallnet-compactor', { since: '0' });
    }
    expect((await store.get(id, { conflicts: true }))?._conflicts).toHaveLength(1);

    expect(await compactConflicts(store, { district: 'dongcheng' })).toEqual({
      merged: [id],
      retry: [],
      left: [],
      restored: [],
    });
    const merged = (await store.get(id, { conflicts: true })) as unknown as CaseDoc & { _conflicts?: string[] };
    expect(merged._conflicts ?? []).toEqual([]);
    // Each branch's events are in the merge as their halls signed them: anyone can check them.
    const held = new Map(merged.events.map((e) => [e.id, canonicalJson(e)]));
    for (const branch of branches) for (const e of branch) expect(held.get(e.id)).toBe(canonicalJson(e));
    expect(merged.events).toHaveLength(4);
  });

  it("leaves it to the accepting district when the matter's department is in no district of the case", async () => {
    const { id } = await crossDistrictConflict('chaoyang/dept/police');
    expect((await compactConflicts(store, { district: 'dongcheng' })).left).toEqual([id]);
    await store.putLocal('hallnet-compactor', { since: '0' });
    expect((await compactConflicts(store, { district: 'xicheng' })).merged).toEqual([id]);
  });

  it('runs periodically until stopped', async () => {
    const compactor = startConflictCompactor(store, { intervalMs: 20 });
    const { id } = await conflictedCase();
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && (await store.get(id, { conflicts: true }))?._conflicts?.length) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await compactor.stop();
    expect((await store.get(id, { conflicts: true }))?._conflicts ?? []).toEqual([]);
  });
});

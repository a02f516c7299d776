import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, describe, expect, it } from 'vitest';
import { caseDoc, event } from '../test/support/fixtures.js';
import { tempDir } from '../test/support/temp-dir.js';
import type { CaseDoc, CaseEvent } from './case.js';
import { foldCase } from './case-state.js';
import { mergeCase } from './merge-case.js';

const dir = tempDir();
afterAll(() => dir.remove());

/** A forwarding by the hall at `from` to `to`, unsigned (the fold trusts what the caller verified). */
function forwarding(from: string, to: string, at: string): CaseEvent {
  return { ...event('completed', from, at), kind: 'forwarded', to };
}

async function revisions(db: PouchDB.Database, id: string): Promise<CaseDoc[]> {
  const winner = await db.get<CaseDoc>(id, { conflicts: true });
  const losers = await Promise.all((winner._conflicts ?? []).map((rev) => db.get<CaseDoc>(id, { rev })));
  return [winner, ...losers];
}

describe('mergeCase on two real replicas edited apart', () => {
  it('keeps every event of both sides and gives both replicas the same state', async () => {
    const a = new PouchDB(join(dir.path, 'a'));
    const b = new PouchDB(join(dir.path, 'b'));
    try {
      const doc = caseDoc('dongcheng/jingshan/huangchenggen');
      await a.put(doc);
      await a.replicate.to(b);

      // Each side appends while cut off from the other.
      const atA = await a.get<CaseDoc>(doc._id);
      const eA = event('material-received', 'dongcheng/jingshan/huangchenggen', '2026-11-02T03:00:00.000Z');
      await a.put({ ...atA, events: [...atA.events, eA] });
      const atB = await b.get<CaseDoc>(doc._id);
      const eB = event('completed', 'dongcheng/jingshan', '2026-11-02T04:00:00.000Z');
      await b.put({ ...atB, parties: [...atB.parties, 'dongcheng/jingshan'], events: [...atB.events, eB] });

      // The link returns: push then pull each way (design §8).
      await a.replicate.to(b);
      await b.replicate.to(a);

      const fromA = mergeCase(await revisions(a, doc._id));
      const fromB = mergeCase(await revisions(b, doc._id));
      expect((await a.get(doc._id, { conflicts: true }))._conflicts).toHaveLength(1);
      expect(fromA.events.map((e) => e.id)).toEqual([doc.events[0]!.id, eA.id, eB.id]);
      expect(fromA.parties).toEqual(['dongcheng/jingshan', 'dongcheng/jingshan/huangchenggen']);
      const { _rev: ra, ...restA } = fromA;
      const { _rev: rb, ...restB } = fromB;
      expect(ra).toBe(rb);
      expect(restA).toEqual(restB);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('does not depend on the order of the conflicting revisions', () => {
    const base = caseDoc('dongcheng/jingshan');
    const x = {
      ...base,
      events: [...base.events, event('material-received', 'dongcheng/jingshan', '2026-11-02T05:00:00.000Z')],
    };
    const y = {
      ...base,
      events: [...base.events, event('completed', 'dongcheng/jingshan', '2026-11-02T05:00:00.000Z')],
    };
    const z = {
      ...base,
      events: [...base.events, event('material-received', 'dongcheng', '2026-11-02T01:00:00.000Z')],
    };
    const one = mergeCase([x, y, z]);
    const two = mergeCase([x, z, y]);
    expect(one.events).toEqual(two.events);
    expect(one.events).toHaveLength(4);
    // Causal first (every branch saw the acceptance before appending), then the holding street's
    // acts, then the rest by time: the district's paper is dated earliest, but the district does not hold the case.
    expect(one.events[0]).toEqual(base.events[0]);
    expect(one.events.slice(1).map((e) => e.id)).toEqual([
      ...[x.events[1]!, y.events[1]!].sort((a, b) => a.id.localeCompare(b.id)).map((e) => e.id),
      z.events[1]!.id,
    ]);
  });

  it("lets the office holding the case decide it: a withdrawal dated before the street's decision does not overturn it", () => {
    const station = 'dongcheng/jingshan/huangchenggen';
    const base = caseDoc(station, '2026-11-02T02:00:00.000Z');
    const forwarded = {
      ...base,
      events: [...base.events, forwarding(station, 'dongcheng/jingshan', '2026-11-02T02:10:00.000Z')],
    };
    const decided = {
      ...forwarded,
      events: [...forwarded.events, event('completed', 'dongcheng/jingshan', '2026-11-02T05:00:00.000Z')],
    };
    // The accepting hall may record the applicant's withdrawal; this one dates it a millisecond after its forwarding.
    const withdrawal: CaseEvent = {
      ...event('completed', station, '2026-11-02T02:10:00.001Z'),
      kind: 'withdrawn',
      reason: '申请人撤回',
    };
    const withdrawn = { ...forwarded, events: [...forwarded.events, withdrawal] };
    for (const merged of [mergeCase([decided, withdrawn]), mergeCase([withdrawn, decided])]) {
      expect(merged.events.map((e) => e.kind)).toEqual(['accepted', 'forwarded', 'completed', 'withdrawn']);
      const state = foldCase(merged);
      expect(state.status).toBe('completed');
      expect(state.flags.map((f) => [f.kind, f.code])).toEqual([['withdrawn', 'ERR_CASE_CLOSED']]);
    }
  });

  it("keeps each revision's own order when a clock ran behind: a decision stays after what it decided on", () => {
    const base = caseDoc('dongcheng/jingshan/huangchenggen', '2026-11-02T02:00:00.000Z');
    const forwarded = {
      ...base,
      events: [
        ...base.events,
        event('material-received', 'dongcheng/jingshan/huangchenggen', '2026-11-02T03:00:00.000Z'),
      ],
    };
    // The street, its clock an hour slow, decides on the forwarded case; the community meanwhile takes in paper.
    const decided = {
      ...forwarded,
      events: [...forwarded.events, event('completed', 'dongcheng/jingshan', '2026-11-02T02:30:00.000Z')],
    };
    const paper = {
      ...forwarded,
      events: [
        ...forwarded.events,
        event('material-received', 'dongcheng/jingshan/huangchenggen', '2026-11-02T02:45:00.000Z'),
      ],
    };
    const merged = mergeCase([decided, paper]);
    const ids = merged.events.map((e) => e.id);
    expect(ids.slice(0, 2)).toEqual(forwarded.events.map((e) => e.id));
    expect(ids.indexOf(decided.events[2]!.id)).toBeGreaterThan(ids.indexOf(forwarded.events[1]!.id));
    expect(mergeCase([paper, decided]).events).toEqual(merged.events);
  });

  it('merges a planted revision whose event is malformed (no actor) without throwing, keeping every event', () => {
    const base = caseDoc('dongcheng/jingshan');
    const honest = {
      ...base,
      events: [...base.events, event('completed', 'dongcheng/jingshan', '2026-11-02T05:00:00.000Z')],
    };
    const { actor: _actor, ...bare } = event('material-received', 'dongcheng', '2026-11-02T01:00:00.000Z');
    const planted = { ...base, events: [...base.events, bare as unknown as CaseEvent] };
    const merged = mergeCase([honest, planted]);
    expect(merged.events.map((e) => e.id).sort()).toEqual(
      [...base.events, honest.events[1]!, bare].map((e) => e.id).sort(),
    );
    expect(mergeCase([planted, honest]).events).toEqual(merged.events);
  });

  it('returns a lone revision untouched', () => {
    const base = caseDoc('dongcheng');
    expect(mergeCase([base])).toBe(base);
  });
});

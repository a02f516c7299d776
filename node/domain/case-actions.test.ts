import { describe, expect, it } from 'vitest';
import { foldCase, type CaseDoc, type CaseEvent, type Matter } from '../../sync/index.js';
import { caseDoc, UNSIGNED } from '../../test/support/fixtures.js';
import { decideAction, type ActionContext, type CaseAction } from './case-actions.js';
import { WorkCalendar } from './working-days.js';

const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const STREET = 'dongcheng/jingshan';
const calendar = new WorkCalendar([]);
const matter = {
  code: 'TEST-001',
  name: '测试事项',
  levels: [4, 5, 6],
  department: 'dongcheng/dept/civil',
  decidedBy: 'street',
  materials: [{ id: 'm1', name: '收入证明', necessity: 'required', originals: 1, copies: 0 }],
  stages: [
    { name: '现场核查', departments: ['dongcheng/dept/health', 'dongcheng/dept/ecology'] },
    { name: '联合审批', departments: ['dongcheng/dept/market'] },
  ],
} as unknown as Matter;

function run(doc: CaseDoc, action: CaseAction, at: string, org = STREET, actorOrg = org, m: Matter = matter): CaseDoc {
  const ctx: ActionContext = {
    matter: m,
    actor: { id: 'staff:x', org: actorOrg },
    actorOrg,
    nodeOrg: org,
    now: new Date(at),
    calendar,
  };
  const d = decideAction(foldCase(doc), action, ctx);
  return {
    ...doc,
    parties: [...new Set([...doc.parties, ...(d.parties ?? [])])],
    events: [...doc.events, ...d.events.map((e) => ({ ...e, ...UNSIGNED }) as CaseEvent)],
  };
}

describe('the workflow rules', () => {
  it('stops the clock while materials are asked for and moves the deadline by the working days waited', () => {
    // Accepted Monday 2 November 2026 (fixture), promised by Monday 9 November.
    let doc = run(
      caseDoc(COMMUNITY),
      { kind: 'forwarded', to: STREET, note: '请街道审核' },
      '2026-11-02T03:00:00Z',
      COMMUNITY,
    );
    expect(foldCase(doc).holder).toBe(STREET);
    doc = run(
      doc,
      { kind: 'returned', to: COMMUNITY, note: '请补充收入证明', materials: ['m1'] },
      '2026-11-03T02:00:00Z',
    );
    expect(foldCase(doc).waitingForApplicant).toMatchObject({ materials: ['m1'] });
    expect(() => run(doc, { kind: 'completed' }, '2026-11-04T02:00:00Z')).toThrow(/补正/);
    // Handed in the next Tuesday at the community: five working days waited (Wed–Tue).
    doc = run(doc, { kind: 'supplemented', materials: ['m1'] }, '2026-11-10T02:00:00Z', COMMUNITY);
    const s = foldCase(doc);
    expect(s.waitingForApplicant).toBeUndefined();
    expect(s.holder).toBe(STREET);
    expect(s.suspendedDays).toBe(5);
    expect(s.promisedBy).toBe('2026-11-16T23:59:59+08:00');
  });

  it('refuses forwarding downward or to an organisation that does not handle the matter', () => {
    const doc = caseDoc(STREET);
    expect(() => run(doc, { kind: 'forwarded', to: COMMUNITY }, '2026-11-02T03:00:00Z')).toThrow(/upward/);
    expect(() => run(doc, { kind: 'forwarded', to: 'dongcheng/dept/police' }, '2026-11-02T03:00:00Z')).toThrow(
      /does not handle/,
    );
  });

  it('runs stages in order: every department of a stage at once, the next when all approved, and completes after the last', () => {
    let doc = run(caseDoc(COMMUNITY), { kind: 'forwarded', to: 'dongcheng' }, '2026-11-02T03:00:00Z', COMMUNITY);
    doc = run(doc, { kind: 'stage-started' }, '2026-11-02T04:00:00Z', 'dongcheng');
    expect(() => run(doc, { kind: 'stage-started' }, '2026-11-02T04:01:00Z', 'dongcheng')).toThrow(
      /no stage may start/,
    );
    expect(run(doc, { kind: 'stage-started', stage: 0 }, '2026-11-02T04:01:00Z', 'dongcheng').events).toHaveLength(
      doc.events.length,
    );
    expect(() => run(doc, { kind: 'stage-started', stage: 1 }, '2026-11-02T04:01:00Z', 'dongcheng')).toThrow(
      /no stage may start/,
    );
    expect(() => run(doc, { kind: 'approved', stage: 0 }, '2026-11-02T05:00:00Z', 'dongcheng/dept/market')).toThrow(
      /no task/,
    );
    doc = run(doc, { kind: 'approved', stage: 0 }, '2026-11-02T05:00:00Z', 'dongcheng/dept/health');
    // A repeated approval (a double click) answers its success again and adds nothing.
    expect(
      run(doc, { kind: 'approved', stage: 0 }, '2026-11-02T05:01:00Z', 'dongcheng/dept/health').events,
    ).toHaveLength(doc.events.length);
    doc = run(doc, { kind: 'approved', stage: 0 }, '2026-11-02T06:00:00Z', 'dongcheng/dept/ecology');
    // The last approval decides nothing itself: the office holding the case starts the next stage.
    expect(foldCase(doc).stages.map((st) => st.name)).toEqual(['现场核查']);
    expect(() => run(doc, { kind: 'stage-started' }, '2026-11-02T06:10:00Z', 'dongcheng/dept/ecology')).toThrow(
      /held by dongcheng/,
    );
    doc = run(doc, { kind: 'stage-started' }, '2026-11-02T06:10:00Z', 'dongcheng');
    expect(foldCase(doc).stages.map((st) => st.name)).toEqual(['现场核查', '联合审批']);
    expect(doc.parties).toContain('dongcheng/dept/market');
    doc = run(doc, { kind: 'approved', stage: 1 }, '2026-11-02T07:00:00Z', 'dongcheng/dept/market');
    expect(foldCase(doc).status).toBe('processing');
    expect(() => run(doc, { kind: 'completed' }, '2026-11-02T07:05:00Z', COMMUNITY)).toThrow(/held by dongcheng/);
    doc = run(doc, { kind: 'completed' }, '2026-11-02T07:10:00Z', 'dongcheng');
    expect(foldCase(doc).status).toBe('completed');
  });

  it('stops the case with its reason at any refusal', () => {
    let doc = run(caseDoc(COMMUNITY), { kind: 'stage-started' }, '2026-11-02T04:00:00Z', COMMUNITY);
    doc = run(
      doc,
      { kind: 'declined', stage: 0, reason: '选址不符合卫生要求' },
      '2026-11-02T05:00:00Z',
      'dongcheng/dept/health',
    );
    expect(foldCase(doc)).toMatchObject({ status: 'rejected', reason: '选址不符合卫生要求' });
    expect(() => run(doc, { kind: 'approved', stage: 0 }, '2026-11-02T06:00:00Z', 'dongcheng/dept/ecology')).toThrow(
      /已结束/,
    );
  });

  const plain = { ...matter, stages: undefined } as Matter;
  it('answers a repeated forward, return, delivery or pick-up with the case as it stands, but never a repeat by another office', () => {
    let doc = run(
      caseDoc(COMMUNITY),
      { kind: 'forwarded', to: STREET },
      '2026-11-02T03:00:00Z',
      COMMUNITY,
      COMMUNITY,
      plain,
    );
    const again = run(doc, { kind: 'forwarded', to: STREET }, '2026-11-02T03:00:01Z', COMMUNITY, COMMUNITY, plain);
    expect(again.events).toHaveLength(doc.events.length);
    // Another hall asking the same is no repeat of its own: refused as before.
    expect(() =>
      run(
        doc,
        { kind: 'forwarded', to: STREET },
        '2026-11-02T03:00:01Z',
        'dongcheng/jingshan/jixiang',
        'dongcheng/jingshan/jixiang',
        plain,
      ),
    ).toThrow();
    doc = run(
      doc,
      { kind: 'returned', to: COMMUNITY, note: '请补充收入证明', materials: ['m1'] },
      '2026-11-03T02:00:00Z',
      STREET,
      STREET,
      plain,
    );
    expect(
      run(
        doc,
        { kind: 'returned', to: COMMUNITY, note: '请补充收入证明', materials: ['m1'] },
        '2026-11-03T02:00:01Z',
        STREET,
        STREET,
        plain,
      ).events,
    ).toHaveLength(doc.events.length);
    doc = run(doc, { kind: 'supplemented', materials: ['m1'] }, '2026-11-04T02:00:00Z', COMMUNITY, COMMUNITY, plain);
    expect(
      run(doc, { kind: 'supplemented', materials: ['m1'] }, '2026-11-04T02:00:01Z', COMMUNITY).events,
    ).toHaveLength(doc.events.length);
    doc = run(doc, { kind: 'completed' }, '2026-11-05T02:00:00Z', STREET, STREET, plain);
    expect(run(doc, { kind: 'completed' }, '2026-11-05T02:00:01Z', STREET, STREET, plain).events).toHaveLength(
      doc.events.length,
    );
    doc = run(doc, { kind: 'delivered', method: 'locker' }, '2026-11-05T03:00:00Z', COMMUNITY, COMMUNITY, plain);
    expect(run(doc, { kind: 'delivered', method: 'locker' }, '2026-11-05T03:00:01Z', COMMUNITY).events).toHaveLength(
      doc.events.length,
    );
    expect(() => run(doc, { kind: 'delivered', method: 'courier' }, '2026-11-05T03:00:01Z', COMMUNITY)).toThrow(
      /已出件/,
    );
    doc = run(doc, { kind: 'picked-up' }, '2026-11-05T04:00:00Z', COMMUNITY, COMMUNITY, plain);
    expect(run(doc, { kind: 'picked-up' }, '2026-11-05T04:00:01Z', COMMUNITY).events).toHaveLength(doc.events.length);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CaseDoc, CaseEvent } from '../../sync/index.js';
import { caseDoc } from '../../test/support/fixtures.js';
import { foldCase } from '../../sync/index.js';
import { WorkCalendar } from '../domain/working-days.js';
import { planNotices } from './plan-notices.js';

const ORG = 'dongcheng/jingshan';
const actor = { id: 'staff:x', org: ORG };
const calendar = new WorkCalendar([]);
const now = new Date('2026-11-05T02:00:00Z');
const withEvents = (doc: CaseDoc, ...events: Record<string, unknown>[]) => ({ ...doc, events: [...doc.events, ...events.map((e) => ({ id: randomUUID(), actor, ...e }) as CaseEvent)] });

describe('planNotices', () => {
  it('plans the acceptance, a request for materials and the completion, each with an id from its event', () => {
    const doc = withEvents(caseDoc(ORG), { kind: 'returned', at: '2026-11-03T02:00:00.000Z', to: ORG, note: '补充收入证明', materials: ['m1'] }, { kind: 'completed', at: '2026-11-04T02:00:00.000Z' });
    const plan = planNotices(foldCase(doc), now, calendar, '景山街道');
    expect(plan.map((n) => n.template)).toEqual(['case.accepted', 'case.materials-requested', 'case.completed']);
    expect(plan.find((n) => n.template === 'case.completed')!.text).toContain('您的办件已办结，请到中心领证');
    // Planning again gives the same ids: one notice however often the outbox looks.
    expect(planNotices(foldCase(doc), now, calendar, '景山街道').map((n) => n.id)).toEqual(plan.map((n) => n.id));
  });

  it('drops the courtesy notices after an opt-out, never the procedural ones', () => {
    const doc = withEvents(caseDoc(ORG), { kind: 'notices-opted-out', at: '2026-11-02T03:00:00.000Z' }, { kind: 'returned', at: '2026-11-03T02:00:00.000Z', to: ORG, note: '补充收入证明', materials: ['m1'] }, { kind: 'completed', at: '2026-11-04T02:00:00.000Z' });
    expect(planNotices(foldCase(doc), now, calendar, '景山街道').map((n) => n.template)).toEqual(['case.materials-requested']);
  });
});

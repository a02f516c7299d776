import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  caseNamesOf,
  foldCase,
  noticeDocSchema,
  type CaseDoc,
  type CaseEvent,
  type CaseNames,
  type Matter,
} from '../../sync/index.js';
import { noticeContentProblem } from '../../sync/notice-content.js';
import { caseDoc } from '../../test/support/fixtures.js';
import { WorkCalendar } from '../domain/working-days.js';
import { planNotices } from './plan-notices.js';

const ORG = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const actor = { id: 'staff:x', org: ORG };
const calendar = new WorkCalendar([]);
const now = new Date('2026-11-05T02:00:00Z');
const NAMES: CaseNames = caseNamesOf(
  (p) => ({ [ORG]: '景山街道办事处', [COMMUNITY]: '皇城根社区服务站' })[p] ?? p,
  () =>
    ({
      materials: [
        { id: 'm1', name: '家庭成员收入证明' },
        { id: 'm2', name: '户口簿' },
      ],
    }) as unknown as Matter,
);
const withEvents = (doc: CaseDoc, ...events: Record<string, unknown>[]) => ({
  ...doc,
  events: [...doc.events, ...events.map((e) => ({ id: randomUUID(), actor, ...e }) as CaseEvent)],
});
const plan = (doc: CaseDoc) => planNotices(foldCase(doc), now, calendar, '景山街道办事处', NAMES);
const completedAt = { kind: 'completed', at: '2026-11-04T02:00:00.000Z' };

/** Each planned notice as the outbox writes it, held against the write rule's account of what the case calls for. */
function ruleProblems(doc: CaseDoc): (string | undefined)[] {
  return plan(doc).map((n) =>
    noticeContentProblem(
      noticeDocSchema.pick({ _id: true, caseId: true, template: true, params: true, phone: true }).parse({
        _id: n.id,
        caseId: doc._id.slice(5),
        template: n.template,
        params: n.params,
        phone: doc.applicant.phone,
      }),
      doc,
      NAMES,
    ),
  );
}

describe('planNotices', () => {
  it('plans the acceptance, a request for materials and the completion, each with an id from its event', () => {
    const doc = withEvents(
      caseDoc(ORG),
      { kind: 'returned', at: '2026-11-03T02:00:00.000Z', to: ORG, note: '补充收入证明', materials: ['m1'] },
      completedAt,
    );
    const planned = plan(doc);
    expect(planned.map((n) => n.template)).toEqual(['case.accepted', 'case.materials-requested', 'case.completed']);
    expect(planned.find((n) => n.template === 'case.completed')!.text).toBe(
      '【景山街道办事处】您的“测试事项”已办结（查询码ABCDEFGHJK7）。',
    );
    // Planning again gives the same ids: one notice however often the outbox looks.
    expect(plan(doc).map((n) => n.id)).toEqual(planned.map((n) => n.id));
    expect(ruleProblems(doc)).toEqual([undefined, undefined, undefined]);
  });

  it('names, at a 容缺 acceptance, the material owed (the first, with how many there are) and the date to bring it by', () => {
    const madeUp = (missing: string[]) => {
      const doc = caseDoc(COMMUNITY);
      const [accepted] = doc.events;
      return { ...doc, events: [{ ...accepted!, missing, makeUpBy: '2026-11-06T23:59:59+08:00' }] as CaseEvent[] };
    };
    const one = madeUp(['m1']);
    const [accepted] = plan(one);
    expect(accepted!.template).toBe('case.accepted-make-up');
    expect(accepted!.text).toBe(
      '【景山街道办事处】您的“测试事项”已受理，查询码ABCDEFGHJK7，承诺2026-11-09前办结。请于2026-11-06前补交容缺材料：家庭成员收入证明。',
    );
    expect(ruleProblems(one).filter(Boolean)).toEqual([]);
    const two = madeUp(['m1', 'm2']);
    expect(plan(two)[0]!.params).toMatchObject({ materials: '家庭成员收入证明等2项', makeUpBy: '2026-11-06' });
    expect(ruleProblems(two).filter(Boolean)).toEqual([]);
    // Nothing owed: the plain acceptance, as before.
    expect(plan(caseDoc(COMMUNITY))[0]!.template).toBe('case.accepted');
  });

  it('names the materials asked for and the window to bring them to, without doubled punctuation', () => {
    const doc = withEvents(caseDoc(COMMUNITY), {
      kind: 'returned',
      at: '2026-11-03T02:00:00.000Z',
      to: COMMUNITY,
      note: '收入证明须加盖单位公章。',
      materials: ['m1', 'm2'],
    });
    const asked = plan(doc).find((n) => n.template === 'case.materials-requested')!;
    expect(asked.text).toBe(
      '【景山街道办事处】您的“测试事项”（查询码ABCDEFGHJK7）需补正材料：家庭成员收入证明、户口簿，说明：收入证明须加盖单位公章。请到皇城根社区服务站补交，补正期间办理时限暂停计算。',
    );
    expect(ruleProblems(doc)).toEqual([undefined, undefined]);
  });

  it("says where the result is once it is handed out: the locker and its code, a hall's window, the courier and its number", () => {
    const done = { ...completedAt, actor: { id: 'staff:y', org: COMMUNITY } };
    const byMethod = (delivered: Record<string, unknown>) =>
      plan(
        withEvents(caseDoc(COMMUNITY), done, {
          kind: 'delivered',
          at: '2026-11-04T03:00:00.000Z',
          actor: { id: 'staff:y', org: COMMUNITY },
          ...delivered,
        }),
      );
    const locker = byMethod({ method: 'locker', lockerCode: '845120' });
    // No second SMS that the case is done: where to collect it says so.
    expect(locker.map((n) => n.template)).toEqual(['case.accepted', 'case.result-in-locker']);
    expect(locker[1]!.text).toBe(
      '【景山街道办事处】您的“测试事项”办理结果已放入皇城根社区服务站智能柜，取件码845120（查询码ABCDEFGHJK7）。',
    );
    expect(byMethod({ method: 'window' })[1]!.text).toBe(
      '【景山街道办事处】您的“测试事项”办理结果已送达皇城根社区服务站，请携带本人身份证件到窗口领取（查询码ABCDEFGHJK7）。',
    );
    expect(byMethod({ method: 'courier', courier: 'EMS', tracking: '1186203001234' })[1]!.text).toBe(
      '【景山街道办事处】您的“测试事项”办理结果已由EMS寄出，运单号1186203001234（查询码ABCDEFGHJK7）。',
    );
    for (const text of [...locker, ...byMethod({ method: 'courier' })].map((n) => n.text))
      expect(text).not.toContain('请到中心领证');
    const doc = withEvents(caseDoc(COMMUNITY), done, {
      kind: 'delivered',
      at: '2026-11-04T03:00:00.000Z',
      actor: { id: 'staff:y', org: COMMUNITY },
      method: 'locker',
      lockerCode: '845120',
    });
    expect(ruleProblems(doc)).toEqual([undefined, undefined]);
  });

  it('drops the courtesy notices after an opt-out, never the procedural ones', () => {
    const doc = withEvents(
      caseDoc(ORG),
      { kind: 'notices-opted-out', at: '2026-11-02T03:00:00.000Z' },
      { kind: 'returned', at: '2026-11-03T02:00:00.000Z', to: ORG, note: '补充收入证明', materials: ['m1'] },
      completedAt,
      { kind: 'delivered', at: '2026-11-04T03:00:00.000Z', method: 'window' },
    );
    expect(plan(doc).map((n) => n.template)).toEqual(['case.materials-requested', 'case.result-at-window']);
  });
});

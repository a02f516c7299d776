import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUPERVISION_SETTINGS,
  ratingDocSchema,
  type CaseDoc,
  type CaseEvent,
  type FollowUpDoc,
  type RatingDoc,
  type RatingSubject,
} from '../../sync/index.js';
import { caseDoc, UNSIGNED } from '../../test/support/fixtures.js';
import { foldCase, type CaseState } from '../../sync/index.js';
import { WorkCalendar } from '../domain/working-days.js';
import type { Ticket } from '../queue/index.js';
import { computeFigures } from './compute-figures.js';
import { figuresCsv } from './figures-csv.js';
import { figuresChartSvg } from './figures-chart-svg.js';

const A = 'dongcheng/jingshan/huangchenggen';
const B = 'dongcheng/jingshan';
const cst = (s: string) => new Date(`${s}+08:00`).toISOString();
const staffOf = (id: string, org: string) => ({ id: `staff:${id}`, name: id, org });

function makeCase(o: {
  scope: string;
  clerk: string;
  accepted: string;
  promised: string;
  then?: { kind: 'completed' | 'rejected'; at: string };
  instant?: boolean;
}): CaseState {
  const base = caseDoc(o.scope, cst(o.accepted));
  const actor = o.clerk === 'online' ? { id: 'resident:r1', name: '张三', org: o.scope } : staffOf(o.clerk, o.scope);
  const accepted = {
    ...(base.events[0] as Extract<CaseEvent, { kind: 'accepted' }>),
    actor,
    promisedBy: cst(o.promised),
  };
  const events: CaseEvent[] = [accepted];
  if (o.instant) events.push({ id: randomUUID(), at: accepted.at, actor, ...UNSIGNED, kind: 'completed' });
  if (o.then?.kind === 'completed')
    events.push({ id: randomUUID(), at: cst(o.then.at), actor, ...UNSIGNED, kind: 'completed' });
  if (o.then?.kind === 'rejected')
    events.push({ id: randomUUID(), at: cst(o.then.at), actor, ...UNSIGNED, kind: 'rejected', reason: '材料不符' });
  return foldCase({ ...base, events } as CaseDoc);
}

function rating(
  subject: RatingSubject,
  level: RatingDoc['level'],
  ratedAt: string,
  channel: RatingDoc['channel'],
  followUpBy?: string,
): RatingDoc {
  const at = cst(ratedAt);
  return ratingDocSchema.parse({
    _id: subject.kind === 'case' ? `rating:case:${subject.caseId}` : `rating:visit:${subject.hall}:${subject.ticketId}`,
    type: 'rating',
    kind: 'rating',
    scope: subject.hall,
    parties: [subject.hall],
    author: { id: 'device:w1', org: subject.hall },
    at,
    subject,
    level,
    channel,
    ratedAt: at,
    ...(followUpBy ? { followUpBy: cst(followUpBy) } : {}),
  });
}

const caseSubjectOf = (c: CaseState): RatingSubject => ({
  kind: 'case',
  caseId: c.id,
  matterCode: c.matterCode,
  department: c.department,
  hall: c.scope,
  clerk: c.acceptedBy!,
  closedAt: c.closedAt ?? c.acceptedAt!,
});

function ticket(id: string, clerk: string, issued: string, called?: string): Ticket {
  return {
    type: 'ticket',
    id: `20261102-${id}`,
    day: '20261102',
    number: 'A001',
    category: 1,
    n: 1,
    seq: 1,
    via: 'walk-in',
    lane: 'normal',
    state: called ? 'finished' : 'waiting',
    issuedAt: cst(issued),
    ...(called
      ? { firstCalledAt: cst(called), calledAt: cst(called), clerk, window: 'w1', finishedAt: cst(called) }
      : {}),
    servingMs: 0,
    recalls: 0,
    reissues: 0,
    twoAheadSent: false,
    log: [],
  };
}

// Monday 2 to Friday 6 November 2026, plain weekends.
const c1 = makeCase({
  scope: A,
  clerk: 'wang',
  accepted: '2026-11-02T10:00:00',
  promised: '2026-11-02T23:59:59',
  instant: true,
});
const c2 = makeCase({
  scope: A,
  clerk: 'wang',
  accepted: '2026-11-02T11:00:00',
  promised: '2026-11-06T23:59:59',
  then: { kind: 'completed', at: '2026-11-04T10:00:00' },
});
const c3 = makeCase({
  scope: A,
  clerk: 'li',
  accepted: '2026-11-03T09:00:00',
  promised: '2026-11-05T23:59:59',
  then: { kind: 'completed', at: '2026-11-09T10:00:00' },
});
const c4 = makeCase({
  scope: B,
  clerk: 'zhao',
  accepted: '2026-11-03T09:00:00',
  promised: '2026-11-04T23:59:59',
  then: { kind: 'completed', at: '2026-11-05T10:00:00' },
});
const c5 = makeCase({
  scope: B,
  clerk: 'zhao',
  accepted: '2026-10-20T09:00:00',
  promised: '2026-11-10T23:59:59',
  then: { kind: 'completed', at: '2026-11-02T15:00:00' },
});
const c6 = makeCase({ scope: A, clerk: 'online', accepted: '2026-11-05T09:00:00', promised: '2026-11-20T23:59:59' });
const c7 = makeCase({
  scope: A,
  clerk: 'li',
  accepted: '2026-11-03T09:30:00',
  promised: '2026-11-05T23:59:59',
  then: { kind: 'rejected', at: '2026-11-04T09:00:00' },
});
const visit: RatingSubject = {
  kind: 'visit',
  ticketId: '20261102-AAAAAAAAAA',
  hall: A,
  category: 1,
  window: 'w1',
  clerk: staffOf('wang', A),
  finishedAt: cst('2026-11-02T09:20:00'),
};
const ratings = [
  rating(caseSubjectOf(c1), 'satisfied', '2026-11-02T10:05:00', 'device'),
  rating(caseSubjectOf(c2), 'dissatisfied', '2026-11-04T12:00:00', 'online', '2026-11-11T23:59:59'),
  rating(caseSubjectOf(c4), 'basic', '2026-11-05T12:00:00', 'default'),
  rating(caseSubjectOf(c5), 'very-satisfied', '2026-11-03T12:00:00', 'sms'),
  rating(visit, 'very-dissatisfied', '2026-11-02T09:30:00', 'device', '2026-11-09T23:59:59'),
];
const answers = new Map<string, FollowUpDoc>([
  [
    ratings[4]!._id,
    {
      _id: 'x',
      type: 'rating',
      kind: 'follow-up',
      scope: A,
      parties: [A],
      author: staffOf('sup', B),
      at: cst('2026-11-03T10:00:00'),
      ratingId: ratings[4]!._id,
      answer: '已回访',
      answeredAt: cst('2026-11-03T10:00:00'),
    },
  ],
]);
const tickets = [
  ticket('T1', 'wang', '2026-11-02T09:00:00', '2026-11-02T09:10:00'),
  ticket('T2', 'li', '2026-11-03T09:00:00', '2026-11-03T09:30:00'),
  ticket('T3', 'li', '2026-11-03T10:00:00'),
];

const figures = (by: 'node' | 'clerk' | 'department') =>
  computeFigures(
    { from: '2026-11-02', to: '2026-11-06', by },
    {
      cases: [c1, c2, c3, c4, c5, c6, c7],
      ratings,
      answerTo: (id) => answers.get(id),
      tickets,
      hall: A,
      now: new Date(cst('2026-11-20T09:00:00')),
      calendar: new WorkCalendar([]),
      settings: DEFAULT_SUPERVISION_SETTINGS,
      orgName: (p) => ({ [A]: '皇城根社区', [B]: '景山街道' })[p] ?? p,
      matterName: (code) => code,
    },
  );

describe('computeFigures (综合考评) on known data', () => {
  it('counts per hall: accepted, instant, on time, overdue, handling days, queue waits, satisfaction with and without defaults, and the score', () => {
    const f = figures('node');
    const a = f.rows.find((r) => r.key === A)!;
    expect(a).toMatchObject({
      name: '皇城根社区',
      accepted: 5,
      instant: 1,
      instantRate: 0.2,
      completed: 2,
      onTime: 2,
      // Due: the two completed and the one still open past its deadline, so not 100% beside an overdue case.
      onTimeRate: 0.6667,
      overdue: 1,
      overdueOpen: 1,
      avgHandlingDays: 1,
      tickets: 2,
      avgWaitMinutes: 20,
    });
    expect(a).toMatchObject({
      ratings: 3,
      defaultRatings: 0,
      satisfactionRate: 0.3333,
      satisfactionRateWithDefaults: 0.3333,
      followUps: 2,
      followUpsOverdue: 1,
      // Three ratings are below the sample: satisfaction does not weigh in, for anyone.
      score: 54.5,
    });
    expect(a.levels).toEqual({ 'very-satisfied': 0, satisfied: 1, basic: 0, dissatisfied: 1, 'very-dissatisfied': 1 });
    const b = f.rows.find((r) => r.key === B)!;
    // Case 5 was accepted before the period and completed in it: completed, not accepted. No queue here: the score leaves it out.
    expect(b).toMatchObject({
      accepted: 1,
      instant: 0,
      instantRate: 0,
      completed: 2,
      onTime: 1,
      onTimeRate: 0.5,
      overdue: 1,
      overdueOpen: 0,
      avgHandlingDays: 5.5,
      tickets: 0,
      avgWaitMinutes: null,
    });
    expect(b).toMatchObject({
      ratings: 2,
      defaultRatings: 1,
      satisfactionRate: 1,
      satisfactionRateWithDefaults: 1,
      followUps: 0,
      score: 33.3,
    });
    expect(f.total).toMatchObject({
      accepted: 6,
      instant: 1,
      completed: 4,
      onTime: 3,
      onTimeRate: 0.6,
      overdue: 2,
      overdueOpen: 1,
      avgHandlingDays: 3.25,
      tickets: 2,
      avgWaitMinutes: 20,
      ratings: 5,
      defaultRatings: 1,
      satisfactionRate: 0.5,
      satisfactionRateWithDefaults: 0.6,
      score: 52.8,
    });
    expect(f.daily).toEqual([
      { date: '2026-11-02', accepted: 2, completed: 2 },
      { date: '2026-11-03', accepted: 3, completed: 0 },
      { date: '2026-11-04', accepted: 0, completed: 1 },
      { date: '2026-11-05', accepted: 1, completed: 1 },
      { date: '2026-11-06', accepted: 0, completed: 0 },
    ]);
  });

  it('groups by clerk (online applications together) and by department', () => {
    const byClerk = figures('clerk');
    expect(byClerk.rows.find((r) => r.key === 'staff:wang')).toMatchObject({
      accepted: 2,
      instant: 1,
      completed: 2,
      tickets: 1,
      avgWaitMinutes: 10,
      ratings: 3,
    });
    expect(byClerk.rows.find((r) => r.key === 'staff:li')).toMatchObject({
      accepted: 2,
      completed: 0,
      overdue: 1,
      tickets: 1,
      avgWaitMinutes: 30,
      ratings: 0,
    });
    expect(byClerk.rows.find((r) => r.key === 'online')).toMatchObject({ name: '网上申请', accepted: 1 });
    const byDept = figures('department');
    expect(byDept.rows).toHaveLength(1);
    // A visit has no department: it counts in the total only.
    expect(byDept.rows[0]).toMatchObject({ key: 'dongcheng/dept/civil', accepted: 6, ratings: 4 });
    expect(byDept.total.ratings).toBe(5);
  });

  it('exports CSV a spreadsheet opens as Chinese, safe from formulas, and draws the charts as SVG', () => {
    const f = figures('node');
    const csv = figuresCsv({ ...f, rows: [{ ...f.rows[0]!, name: '=HYPERLINK("x")' }, ...f.rows.slice(1)] });
    expect(csv.startsWith('\uFEFF分组,名称,受理件数')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    expect(csv).toContain('合计,合计,6,4,1,');
    for (const chart of ['score', 'rates', 'daily'] as const) {
      const svg = figuresChartSvg(f, chart);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*role="img"/);
      expect(svg).toContain('</svg>');
    }
    expect(figuresChartSvg(f, 'score')).toContain('皇城根社区：综合得分 54.5');
    expect(figuresChartSvg({ ...f, rows: [{ ...f.rows[0]!, name: '<script>' }] }, 'rates')).not.toContain('<script>');
  });
});

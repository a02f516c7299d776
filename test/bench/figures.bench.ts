import { randomUUID } from 'node:crypto';
import { foldCase, isAccepted, type AcceptedCase } from '../../sync/index.js';
import { WorkCalendar } from '../../node/domain/working-days.js';
import type { Ticket } from '../../node/queue/index.js';
import { computeFigures, type FigureGrouping } from '../../node/supervision/compute-figures.js';
import { seedCalendars } from '../../deploy/seed/seed-calendars.js';
import {
  DEFAULT_SUPERVISION_SETTINGS,
  RATING_LEVELS,
  type CaseDoc,
  type CaseEvent,
  type RatingDoc,
} from '../../sync/index.js';
import { UNSIGNED } from '../support/fixtures.js';
import { report } from './report.js';

const CASES = 100_000;
const DAY = 86_400_000;
const HALLS = [
  'dongcheng',
  'dongcheng/jingshan',
  'dongcheng/jingshan/huangchenggen',
  'dongcheng/jingshan/jixiang',
  'dongcheng/donghuamen',
  'dongcheng/donghuamen/nanchizi',
];
const DEPARTMENTS = [
  'dongcheng/dept/civil',
  'dongcheng/dept/health',
  'dongcheng/dept/market',
  'dongcheng/dept/disabled',
  'dongcheng/dept/housing',
];
// A year of cases: 1 January to 31 December 2026, Beijing time.
const START = Date.parse('2026-01-01T09:00:00+08:00');

/** A district's year: 100,000 cases over 6 halls, 5 departments, 40 matters and 60 clerks, most completed, some late, some open. */
function sampleCases(): AcceptedCase[] {
  const out: AcceptedCase[] = [];
  for (let i = 0; i < CASES; i++) {
    const hall = HALLS[i % HALLS.length]!;
    const actor = { id: `staff:c${i % 60}`, name: `窗口${i % 60}`, org: hall };
    const accepted = START + ((i * 317) % 365) * DAY + (i % 8) * 3600_000;
    const promised = accepted + ((i % 15) + 1) * DAY;
    const at = (t: number) => new Date(t).toISOString();
    const events: CaseEvent[] = [
      {
        id: randomUUID(),
        at: at(accepted),
        actor,
        ...UNSIGNED,
        kind: 'accepted',
        channel: 'window',
        received: [],
        missing: [],
        promisedBy: at(promised),
      },
    ];
    if (i % 5 === 0) events.push({ id: randomUUID(), at: at(accepted), actor, ...UNSIGNED, kind: 'completed' });
    else if (i % 10 !== 1)
      events.push({ id: randomUUID(), at: at(accepted + ((i % 19) + 1) * DAY), actor, ...UNSIGNED, kind: 'completed' });
    const doc: CaseDoc = {
      _id: `case:${randomUUID()}`,
      type: 'case',
      scope: hall,
      parties: [hall],
      author: actor,
      at: at(accepted),
      matterCode: `M-${i % 40}`,
      matterName: `事项${i % 40}`,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      queryCode: 'ABCDEFGHJK7',
      applicant: {
        kind: 'person',
        name: '张三',
        idType: 'resident-id',
        idNumber: '11010519491231002X',
        phone: '13800138000',
      },
      events,
    };
    const state = foldCase(doc);
    if (isAccepted(state)) out.push(state);
  }
  return out;
}

/** A rating for three completed cases in five, a fifth of them default. */
function sampleRatings(cases: readonly AcceptedCase[]): RatingDoc[] {
  return cases
    .filter((c, i) => c.closedAt && i % 5 < 3)
    .map((c, i) => {
      const channel = i % 5 === 0 ? 'default' : 'device';
      const level = channel === 'default' ? 'basic' : RATING_LEVELS[i % RATING_LEVELS.length]!;
      return {
        _id: `rating:case:${c.id}`,
        type: 'rating',
        kind: 'rating',
        scope: c.scope,
        parties: c.parties,
        author: { id: 'device:w1', org: c.scope },
        at: c.closedAt!,
        subject: {
          kind: 'case',
          caseId: c.id,
          matterCode: c.matterCode,
          department: c.department,
          hall: c.scope,
          clerk: c.acceptedBy,
          closedAt: c.closedAt!,
        },
        level,
        channel,
        ratedAt: c.closedAt!,
        ...(level === 'dissatisfied' || level === 'very-dissatisfied' ? { followUpBy: c.closedAt! } : {}),
      } satisfies RatingDoc;
    });
}

/** A year of one hall's queue: 20,000 tickets. */
function sampleTickets(): Ticket[] {
  return Array.from({ length: 20_000 }, (_, i) => {
    const issued = START + (i % 365) * DAY + (i % 300) * 60_000;
    const at = (t: number) => new Date(t).toISOString();
    return {
      type: 'ticket',
      id: `20260101-${String(i).padStart(10, '0')}`,
      day: '20260101',
      number: 'A001',
      category: (i % 15) + 1,
      n: 1,
      seq: 1,
      via: 'walk-in',
      lane: 'normal',
      state: 'finished',
      issuedAt: at(issued),
      firstCalledAt: at(issued + (i % 40) * 60_000),
      clerk: `c${i % 60}`,
      servingMs: 0,
      recalls: 0,
      reissues: 0,
      twoAheadSent: false,
      log: [],
    } satisfies Ticket;
  });
}

/**
 * 综合考评 over 100,000 cases (a district's year at the district center, which holds them all),
 * per hall, department, matter and clerk, against one plain pass over the same cases that reads
 * the same fields (the least any figure can cost).
 */
export async function runFiguresBench(): Promise<void> {
  const cases = sampleCases();
  const ratings = sampleRatings(cases);
  const tickets = sampleTickets();
  const calendar = new WorkCalendar(seedCalendars());
  const sources = {
    cases,
    ratings,
    tickets,
    answerTo: () => undefined,
    hall: HALLS[2]!,
    now: new Date('2027-01-05T02:00:00Z'),
    calendar,
    settings: DEFAULT_SUPERVISION_SETTINGS,
    orgName: (p: string) => p,
    matterName: (m: string) => m,
  };
  const query = (by: FigureGrouping) => ({ from: '2026-01-01', to: '2026-12-31', by });

  const t0 = performance.now();
  let plain = 0;
  for (const c of cases) {
    const accepted = Date.parse(c.acceptedAt);
    if (c.status === 'completed' && c.closedAt && Date.parse(c.closedAt) <= Date.parse(c.promisedBy)) plain++;
    plain += accepted > 0 ? 0 : 1;
  }
  for (const r of ratings) if (r.channel !== 'default') plain++;
  const baselineS = (performance.now() - t0) / 1000;
  if (!plain) throw new Error('baseline counted nothing');

  const timed: [FigureGrouping, number][] = [];
  for (const by of ['node', 'department', 'matter', 'clerk'] as const) {
    const t = performance.now();
    const f = computeFigures(query(by), sources);
    timed.push([by, (performance.now() - t) / 1000]);
    if (f.total.accepted !== CASES) throw new Error(`figures by ${by} counted ${f.total.accepted} of ${CASES} cases`);
  }
  for (const [by, s] of timed) report(`figures.100000_cases_by_${by}`, s, 's');
  report('figures.baseline_plain_pass_100000', baselineS, 's');
  report('figures.by_node_vs_baseline', timed[0]![1] / baselineS, 'ratio');
}

import {
  caseInPeriod,
  isAccepted,
  isWithin,
  periodBounds,
  withinPeriod,
  type AcceptedCase,
  type FollowUpDoc,
  type RatingDoc,
  type RatingSubject,
  type SupervisionSettings,
} from '../../sync/index.js';
import type { CaseState } from '../../sync/index.js';
import { chinaDate, type WorkCalendar } from '../domain/working-days.js';
import type { Ticket } from '../queue/index.js';
import type { QueueSummaryDoc } from '../../sync/index.js';
import { overdueAt } from '../domain/traffic-light.js';
import { FigureTally, type FigureRow } from './figure-tally.js';
import { followUpStatus } from '../ratings/follow-up-status.js';

/** What figures are grouped by: the accepting hall, the department, the matter or the window clerk. */
export type FigureGrouping = 'node' | 'department' | 'matter' | 'clerk';

/** The period, the grouping and the subtree asked for. */
export interface FiguresQuery {
  /** The first and last China dates of the period, inclusive. */
  from: string;
  to: string;
  by: FigureGrouping;
  /** Only halls in this subtree. */
  org?: string | undefined;
}

/** What figures are computed from: the cases, ratings and tickets held here, and how to name things. */
export interface FiguresSources {
  cases: Iterable<CaseState>;
  ratings: Iterable<RatingDoc>;
  answerTo: (ratingId: string) => FollowUpDoc | undefined;
  /** This hall's queue tickets of the period's days (queues are local to each hall). */
  tickets: Iterable<Ticket>;
  /** Other halls' daily queue summaries of the period (the district center holds every hall's): their waits count by hall and in the total. */
  queueSummaries?: Iterable<Pick<QueueSummaryDoc, 'hall' | 'called' | 'waitMsTotal'>>;
  hall: string;
  now: Date;
  calendar: WorkCalendar;
  settings: SupervisionSettings;
  orgName: (path: string) => string;
  matterName: (code: string) => string;
}

/** Figures per group and for all of them, with accepted and completed cases per day for the trend chart. */
export interface Figures {
  from: string;
  to: string;
  by: FigureGrouping;
  org: string | null;
  rows: FigureRow[];
  total: FigureRow;
  daily: { date: string; accepted: number; completed: number }[];
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;
/** The China calendar day of an instant, as a day number. */
const chinaDay = (ms: number) => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
const ONLINE = 'online';

/** A case's or a rating's clerk: online applications have none, and are grouped together. */
const clerkKey = (actorId: string) => (actorId.startsWith('staff:') ? actorId : ONLINE);

function caseKey(c: AcceptedCase, by: FigureGrouping): string {
  return by === 'node'
    ? c.scope
    : by === 'department'
      ? c.department
      : by === 'matter'
        ? c.matterCode
        : clerkKey(c.acceptedBy.id);
}

function ratingKey(s: RatingSubject, by: FigureGrouping): string | undefined {
  if (by === 'node') return s.hall;
  if (by === 'clerk') return clerkKey(s.clerk.id);
  if (s.kind === 'visit') return undefined;
  return by === 'department' ? s.department : s.matterCode;
}

/**
 * 综合考评 over any period, in one pass over the cases held here (the district center holds
 * them all): accepted and completed cases, instant completions, on time and overdue, handling time
 * in working days, queue waits (this hall's own tickets), satisfaction with and without default
 * ratings, bad ratings' follow-ups, and the district's weighted score.
 */
export function computeFigures(q: FiguresQuery, src: FiguresSources): Figures {
  const period = periodBounds(q);
  const { start, end } = period;
  // Overdue is judged at the period's end, or now if the period has not ended.
  const judged = Math.min(end, src.now.getTime());
  const inOrg = (hall: string) => !q.org || isWithin(hall, q.org);

  const groups = new Map<string, FigureTally>();
  const total = new FigureTally('*', '合计');
  const group = (key: string, name: () => string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new FigureTally(key, name())));
    return g;
  };
  // Per China day of the period, by day number: no date strings in the loop.
  const firstDay = chinaDay(start);
  const daily = Array.from({ length: Math.max(0, chinaDay(end - 1) - firstDay + 1) }, (_, k) => ({
    date: chinaDate(new Date(start + k * DAY_MS)),
    accepted: 0,
    completed: 0,
  }));
  // Working days between two China dates, counted once per pair of dates: cases share their days.
  const workDays = new Map<number, number>();
  const between = (from: number, to: number) => {
    const a = chinaDay(from);
    const b = chinaDay(to);
    const k = a * 100_000 + b;
    let n = workDays.get(k);
    if (n === undefined) workDays.set(k, (n = src.calendar.workingDaysBetween(new Date(from), new Date(to))));
    return n;
  };

  for (const c of src.cases) {
    // An online application counts from its acceptance: the days in 预审 are no working time of the hall's.
    if (!inOrg(c.scope) || !isAccepted(c)) continue;
    const accepted = Date.parse(c.acceptedAt);
    if (accepted >= end) continue;
    const closed = c.closedAt ? Date.parse(c.closedAt) : undefined;
    const facts = caseInPeriod(c, period);
    const { accepted: acceptedNow, completed: completedNow } = facts;
    // While the applicant is waited for the clock stands still, as on the case's light.
    const openOverdue =
      c.status !== 'rejected' &&
      c.status !== 'withdrawn' &&
      (closed === undefined || closed > judged) &&
      overdueAt(c, judged);
    if (!acceptedNow && !completedNow && !openOverdue) continue;
    const g = group(caseKey(c, q.by), () => caseName(c, q.by, src.orgName));
    for (const t of [g, total]) {
      t.addCase(c, facts);
      if (openOverdue) t.openOverdue++;
      if (!completedNow) continue;
      if (!facts.onTime) t.late++;
      t.handlingDays += Math.max(0, between(accepted, closed!) - c.suspendedDays);
      t.handled++;
    }
    if (acceptedNow) daily[chinaDay(accepted) - firstDay]!.accepted++;
    if (completedNow) daily[chinaDay(closed!) - firstDay]!.completed++;
  }

  for (const t of src.tickets) {
    if (!t.firstCalledAt || !inOrg(src.hall) || !withinPeriod(t.issuedAt, period)) continue;
    const wait = Date.parse(t.firstCalledAt) - Date.parse(t.issuedAt);
    const key = q.by === 'node' ? src.hall : q.by === 'clerk' && t.clerk ? `staff:${t.clerk}` : undefined;
    for (const x of key ? [group(key, () => (q.by === 'node' ? src.orgName(src.hall) : t.clerk!)), total] : [total]) {
      x.tickets++;
      x.waitMs += Math.max(0, wait);
    }
  }

  // Other halls' queues come as daily summaries: counts by hall, no ticket, so no clerk grouping.
  for (const d of src.queueSummaries ?? []) {
    if (d.hall === src.hall || !inOrg(d.hall) || !d.called) continue;
    for (const x of q.by === 'node' ? [group(d.hall, () => src.orgName(d.hall)), total] : [total]) {
      x.tickets += d.called;
      x.waitMs += d.waitMsTotal;
    }
  }

  for (const r of src.ratings) {
    if (!inOrg(r.subject.hall) || !withinPeriod(r.ratedAt, period)) continue;
    const overdue = followUpStatus(r, src.answerTo(r._id), src.now) === 'overdue';
    const key = ratingKey(r.subject, q.by);
    if (key) group(key, () => ratingName(r.subject, q.by, src)).addRating(r, overdue);
    total.addRating(r, overdue);
  }

  const rows = [...groups.values()].map((g) => g.row(src.settings));
  rows.sort((a, b) => b.accepted - a.accepted || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    from: q.from,
    to: q.to,
    by: q.by,
    org: q.org ?? null,
    rows,
    total: total.row(src.settings),
    daily,
  };
}

function caseName(c: AcceptedCase, by: FigureGrouping, orgName: (p: string) => string): string {
  if (by === 'node') return orgName(c.scope);
  if (by === 'department') return orgName(c.department);
  if (by === 'matter') return c.matterName;
  return c.acceptedBy.id.startsWith('staff:')
    ? `${c.acceptedBy.name ?? c.acceptedBy.id.slice(6)}（${orgName(c.acceptedBy.org)}）`
    : '网上申请';
}

function ratingName(
  s: RatingSubject,
  by: FigureGrouping,
  names: Pick<FiguresSources, 'orgName' | 'matterName'>,
): string {
  if (by === 'node') return names.orgName(s.hall);
  if (by === 'clerk')
    return s.clerk.id.startsWith('staff:')
      ? `${s.clerk.name ?? s.clerk.id.slice(6)}（${names.orgName(s.clerk.org)}）`
      : '网上申请';
  if (s.kind !== 'case') return '';
  return by === 'department' ? names.orgName(s.department) : names.matterName(s.matterCode);
}

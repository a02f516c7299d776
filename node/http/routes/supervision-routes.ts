import { z } from 'zod';
import {
  CASE_FLAG_TEXT,
  DEFAULT_SUPERVISION_SETTINGS,
  HallnetError,
  RATING_LEVEL_NAMES,
  isDistrictCenter,
  isWithin,
  isoDateSchema,
  orgPathSchema,
  ratingChannelSchema,
  ratingLevelSchema,
  reportPeriod,
  staff,
  supervisionSettingsSchema,
} from '../../../sync/index.js';
import { chinaDate } from '../../domain/working-days.js';
import { answerFollowUp } from '../../ratings/answer-follow-up.js';
import { followUpStatus } from '../../ratings/follow-up-status.js';
import type { NodeServices } from '../../services.js';
import type { Figures, FiguresQuery } from '../../supervision/compute-figures.js';
import { WITHHELD, withholdRatings } from '../../supervision/withhold-ratings.js';
import { districtLights } from '../../supervision/district-lights.js';
import { FIGURE_CHARTS, figuresChartSvg } from '../../supervision/figures-chart-svg.js';
import { figuresCsv } from '../../supervision/figures-csv.js';
import { nodeFigures } from '../../supervision/node-figures.js';
import { refusalReport } from '../../supervision/refusal-report.js';
import type { Principal } from '../../../identity/index.js';
import type { NodeRoutes } from '../env.js';
import { actorOf } from './case-routes.js';

const DAY_MS = 86_400_000;
const SUPERVISORS = staff('director', 'supervisor');
/** Every member of staff sees figures; rating figures only as `withholdRatings` allows without ratings.view. */
const ANY_STAFF = staff('clerk', 'back-office', 'director', 'supervisor', 'admin');

const periodFields = {
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  org: orgPathSchema.optional(),
};
const figuresQuery = z.object({
  ...periodFields,
  by: z.enum(['node', 'department', 'matter', 'clerk']).default('node'),
});
const chartQuery = figuresQuery.extend({ chart: z.enum(FIGURE_CHARTS).default('score') });
const ratingsQuery = z.object({
  ...periodFields,
  level: ratingLevelSchema.optional(),
  channel: ratingChannelSchema.optional(),
  followUp: z.enum(['open', 'overdue', 'answered', 'any']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const followUpBody = z.object({ ratingId: z.string().min(1).max(300), answer: z.string().trim().min(1).max(1000) });

/** The period asked for, the last 30 days by default; at most a year, and never backwards. */
function period(
  s: NodeServices,
  q: { from?: string | undefined; to?: string | undefined },
): { from: string; to: string } {
  return reportPeriod(q, s.clock());
}

/** Whether a rating is of the caller's own work: a director who also serves at a window never reads those. */
function ownWork(subject: { clerk: { id: string; org: string } }, p: Principal | undefined): boolean {
  return p?.kind === 'staff' && subject.clerk.id === `staff:${p.id}` && subject.clerk.org === p.org;
}

function figuresOf(s: NodeServices, q: z.infer<typeof figuresQuery>): FiguresQuery {
  return { ...period(s, q), by: q.by, org: q.org };
}

/**
 * The figures as the caller may see them: all of them with ratings.view (效能监察); otherwise rating
 * figures only of the node's whole data, asked by its own staff, over one calendar month that has
 * ended, and only for groups of five ratings or more (withholdRatings) — so no answer, and no
 * difference between two answers, gives one rating away.
 */
async function figuresFor(
  s: NodeServices,
  q: z.infer<typeof figuresQuery>,
  p: Principal | undefined,
): Promise<Figures> {
  const fq = figuresOf(s, q);
  const f = await nodeFigures(s, fq);
  if (p?.kind === 'staff' && (await s.rightsOf(p)).has('ratings.view')) return f;
  const ownScope = p?.kind === 'staff' && p.org === s.org && (!fq.org || fq.org === s.org);
  return withholdRatings(
    f,
    !ownScope ? WITHHELD.scope : !isEndedMonth(fq.from, fq.to, chinaDate(s.clock())) ? WITHHELD.period : undefined,
  );
}

/** Whether from–to is exactly one calendar month that ended before `today`. */
function isEndedMonth(from: string, to: string, today: string): boolean {
  if (!from.endsWith('-01') || from.slice(0, 7) !== to.slice(0, 7) || to >= today) return false;
  const next = new Date(Date.parse(`${to}T12:00:00+08:00`) + DAY_MS);
  return chinaDate(next).endsWith('-01');
}

/**
 * 效能监察 for staff holding supervision.view: every open case's light across what this node
 * holds (the district center: the whole district), the figures (综合考评) as JSON, CSV and SVG
 * charts, single ratings with their follow-ups, and the district's settings.
 */
export function registerSupervisionRoutes(routes: NodeRoutes, s: NodeServices): void {
  const sv = s.supervision;
  const base = { tag: 'supervision', access: SUPERVISORS, right: 'supervision.view' as const };
  routes.add(
    {
      ...base,
      method: 'get',
      path: '/api/supervision/lights',
      summary: 'Every open case’s traffic light, counted per hall and department, with the yellow and red ones listed',
      query: z.object({ org: orgPathSchema.optional() }),
    },
    (c, { query }) => {
      const now = s.clock();
      return c.json({
        at: now.toISOString(),
        ...districtLights(
          s.index.values(),
          (st) => s.index.lightOf(st, now),
          (p) => s.reference.orgName(p),
          query.org,
        ),
      });
    },
  );
  const figures = { tag: 'supervision', access: ANY_STAFF };
  routes.add(
    {
      ...figures,
      method: 'get',
      path: '/api/supervision/figures',
      summary:
        '综合考评 per hall, department, matter or clerk over a period, with the overall score; rating figures in full with ratings.view, else only for whole ended months and groups of 5 or more (样本不足)',
      query: figuresQuery,
    },
    async (c, { query, principal }) =>
      c.json({ ...(await figuresFor(s, query, principal)), settings: sv.settings.current }),
  );
  routes.add(
    {
      ...figures,
      method: 'get',
      path: '/api/supervision/figures.csv',
      summary: 'The same figures as CSV for a spreadsheet',
      query: figuresQuery,
    },
    async (c, { query, principal }) => {
      const f = await figuresFor(s, query, principal);
      c.header('Content-Disposition', `attachment; filename="figures-${f.by}-${f.from}-${f.to}.csv"`);
      return c.body(figuresCsv(f), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );
  routes.add(
    {
      ...figures,
      method: 'get',
      path: '/api/supervision/figures.svg',
      summary: 'A chart of the figures drawn on the server (score, rates, or daily cases)',
      query: chartQuery,
    },
    async (c, { query, principal }) => {
      const f = await figuresFor(s, query, principal);
      return c.body(figuresChartSvg(f, query.chart), 200, {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      });
    },
  );
  const ratings = { tag: 'supervision', access: staff('supervisor'), right: 'ratings.view' as const };
  routes.add(
    {
      ...ratings,
      method: 'get',
      path: '/api/supervision/ratings',
      summary:
        'Single ratings (好差评) with comments and follow-ups: the supervision office (效能监察) only, never clerks or directors, and never the caller’s own work',
      query: ratingsQuery,
    },
    (c, { query, principal }) => {
      const { from, to } = period(s, query);
      const start = Date.parse(`${from}T00:00:00+08:00`);
      const end = Date.parse(`${to}T00:00:00+08:00`) + DAY_MS;
      const now = s.clock();
      const items = [];
      for (const r of sv.ratingIndex.values()) {
        const at = Date.parse(r.ratedAt);
        if (at < start || at >= end || (query.org && !isWithin(r.subject.hall, query.org))) continue;
        if (
          (query.level && r.level !== query.level) ||
          (query.channel && r.channel !== query.channel) ||
          ownWork(r.subject, principal)
        )
          continue;
        const answer = sv.ratingIndex.answerTo(r._id);
        const status = followUpStatus(r, answer, now);
        if (
          query.followUp === 'answered'
            ? !answer
            : query.followUp === 'any'
              ? status === 'none'
              : query.followUp && status !== query.followUp
        )
          continue;
        const st = r.subject.kind === 'case' ? s.index.get(r.subject.caseId) : undefined;
        items.push({
          id: r._id,
          kind: r.subject.kind,
          queryCode: st?.queryCode ?? null,
          title:
            r.subject.kind === 'case'
              ? (st?.matterName ?? s.reference.catalogue.get(r.subject.matterCode)?.name ?? r.subject.matterCode)
              : `${s.reference.categories.get(r.subject.category)?.name ?? r.subject.category} · ${r.subject.window} 号窗口`,
          hallName: s.reference.orgName(r.subject.hall),
          clerk: r.subject.clerk.id.startsWith('staff:')
            ? (r.subject.clerk.name ?? r.subject.clerk.id.slice(6))
            : '网上申请',
          level: r.level,
          levelName: RATING_LEVEL_NAMES[r.level],
          comment: r.comment ?? null,
          channel: r.channel,
          ratedAt: r.ratedAt,
          followUpBy: r.followUpBy ?? null,
          followUp: status,
          answer: answer
            ? { text: answer.answer, at: answer.answeredAt, by: answer.author.name ?? answer.author.id }
            : null,
        });
      }
      items.sort((a, b) => (a.ratedAt < b.ratedAt ? 1 : a.ratedAt > b.ratedAt ? -1 : a.id.localeCompare(b.id)));
      return c.json({
        from,
        to,
        total: items.length,
        offset: query.offset,
        limit: query.limit,
        items: items.slice(query.offset, query.offset + query.limit),
      });
    },
  );
  routes.add(
    {
      ...ratings,
      method: 'post',
      path: '/api/supervision/follow-ups',
      summary: '回访: answer a bad rating’s follow-up (once; never one of the caller’s own work)',
      body: followUpBody,
    },
    async (c, { body, principal }) => {
      const rating = sv.ratingIndex.get(body.ratingId);
      if (rating && ownWork(rating.subject, principal))
        throw new HallnetError('ERR_NOT_FOUND', `no rating ${body.ratingId} here`);
      const doc = await answerFollowUp(
        s.guard,
        sv.ratingIndex,
        body.ratingId,
        body.answer,
        actorOf(principal, s.org),
        s.clock(),
      );
      return c.json(
        {
          ratingId: doc.ratingId,
          answeredAt: doc.answeredAt,
          followUp: followUpStatus(sv.ratingIndex.get(doc.ratingId)!, doc, s.clock()),
        },
        201,
      );
    },
  );
  routes.add(
    {
      ...base,
      method: 'get',
      path: '/api/supervision/refusals',
      summary:
        'Writes the hub refused, per node: in the last 24 hours, in total, with the last reasons (the hub reports to the district center only)',
    },
    async (c) => c.json(await refusalReport(s.db, (p) => s.reference.orgName(p), s.clock())),
  );
  routes.add(
    {
      ...base,
      method: 'get',
      path: '/api/supervision/flags',
      summary:
        "Cases with events left out of their log's fold: a signature that does not verify, or an office deciding out of turn (two offices cut off from each other that both acted)",
    },
    (c) =>
      c.json({
        items: s.index.flagged().map((f) => ({
          ...f,
          holderName: s.reference.orgName(f.holder),
          flags: f.flags.map((x) => ({
            ...x,
            actorName: s.reference.orgName(x.actor.org),
            reason: CASE_FLAG_TEXT[x.code],
          })),
        })),
        untrusted: s.index.untrusted(),
      }),
  );
  routes.add(
    {
      ...figures,
      method: 'get',
      path: '/api/supervision/settings',
      summary: 'The district’s settings: time to rate, follow-up days, score weights',
    },
    (c) =>
      c.json({
        settings: sv.settings.current,
        published: sv.settings.published ?? null,
        defaults: DEFAULT_SUPERVISION_SETTINGS,
      }),
  );
  routes.add(
    {
      tag: 'supervision',
      access: staff('admin', 'supervisor'),
      method: 'put',
      path: '/api/supervision/settings',
      summary:
        'The district’s own admin or supervision office publishes its settings (at the district center only); every node receives them',
      body: supervisionSettingsSchema,
    },
    async (c, { body, principal }) => {
      if (!isDistrictCenter(s.org) || principal?.kind !== 'staff' || principal.org !== s.org)
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', 'the district publishes its settings at the district center');
      const doc = await sv.settings.publish(body, s.org, actorOf(principal, s.org), s.clock());
      return c.json({ settings: doc.settings, published: { at: doc.at, by: doc.author } });
    },
  );
}

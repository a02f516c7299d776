import { docProofInput, queueSummaryDocSchema, type QueueSummaryDoc } from '../../sync/index.js';
import type { NodeServices } from '../services.js';
import { chinaDate } from '../domain/working-days.js';
import type { Ticket } from '../queue/index.js';
import { computeFigures, type Figures, type FiguresQuery } from './compute-figures.js';

const DAY_MS = 86_400_000;

/** This hall's queue tickets of the period's days (the queue numbers its days `YYYYMMDD`, Beijing time). */
async function ticketsOf(s: NodeServices, from: string, to: string): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (let t = Date.parse(`${from}T12:00:00+08:00`); t <= Date.parse(`${to}T12:00:00+08:00`); t += DAY_MS)
    out.push(...(await s.queue.ticketsOn(chinaDate(new Date(t)).replaceAll('-', ''))));
  return out;
}

/**
 * The daily queue summaries of the other halls this node holds (the district center: every hall's)
 * for the period's days, each only if its own hall signed it with a key the district vouches for.
 */
async function summariesOf(s: NodeServices, from: string, to: string): Promise<QueueSummaryDoc[]> {
  const day = (d: string) => d.replaceAll('-', '');
  const res = await s.db.allDocs({
    include_docs: true,
    startkey: `queue-summary:${day(from)}:`,
    endkey: `queue-summary:${day(to)}:\uffff`,
  });
  return res.rows.flatMap((row) => {
    const r = queueSummaryDocSchema.safeParse(row.doc);
    if (!r.success || r.data.hall === s.org) return [];
    const d = r.data;
    const trusted =
      d.proof &&
      s.reference.keys.verify(d.proof.kid, docProofInput(d, d.proof.kid), d.proof.sig, d.at) &&
      s.reference.keys.orgOf(d.proof.kid) === d.hall;
    return trusted ? [d] : [];
  });
}

/** The figures over a period from what this node holds: its cases and ratings, its own queue and the other halls' daily queue summaries. */
export async function nodeFigures(s: NodeServices, q: FiguresQuery): Promise<Figures> {
  const sv = s.supervision;
  return computeFigures(q, {
    cases: s.index.values(),
    ratings: sv.ratingIndex.values(),
    answerTo: (id) => sv.ratingIndex.answerTo(id),
    tickets: await ticketsOf(s, q.from, q.to),
    queueSummaries: await summariesOf(s, q.from, q.to),
    hall: s.org,
    now: s.clock(),
    calendar: s.reference.calendar,
    settings: sv.settings.current,
    orgName: (p) => s.reference.orgName(p),
    matterName: (code) => s.reference.catalogue.get(code)?.name ?? code,
  });
}

import type { NodeServices } from '../services.js';
import { chinaDate } from '../domain/working-days.js';
import type { Ticket } from '../queue/index.js';
import { computeFigures, type Figures, type FiguresQuery } from './compute-figures.js';

const DAY_MS = 86_400_000;

/** This hall's queue tickets of the period's days (the queue numbers its days `YYYYMMDD`, Beijing time). */
async function ticketsOf(s: NodeServices, from: string, to: string): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (let t = Date.parse(`${from}T12:00:00+08:00`); t <= Date.parse(`${to}T12:00:00+08:00`); t += DAY_MS) out.push(...(await s.queue.ticketsOn(chinaDate(new Date(t)).replaceAll('-', ''))));
  return out;
}

/** The figures over a period from what this node holds: its cases and ratings, and its own queue. */
export async function nodeFigures(s: NodeServices, q: FiguresQuery): Promise<Figures> {
  const sv = s.supervision;
  return computeFigures(q, {
    cases: s.index.values(),
    ratings: sv.ratingIndex.values(),
    answerTo: (id) => sv.ratingIndex.answerTo(id),
    tickets: await ticketsOf(s, q.from, q.to),
    hall: s.org,
    now: s.clock(),
    calendar: s.reference.calendar,
    settings: sv.settings.current,
    orgName: (p) => s.reference.orgName(p),
    matterName: (code) => s.reference.catalogue.get(code)?.name ?? code,
  });
}

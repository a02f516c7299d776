import { chinaDate } from '../china-date.js';
import { queueSummaryDocId, queueSummaryDocSchema, type QueueSummaryDoc } from '../queue-summary.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * A hall's daily queue summary is its own: written and changed only by that hall, under the id of
 * its day and hall, its parties the hall alone, signed; it carries counts and times and nothing
 * else (`checkWrite` refuses a field the schema does not name, so no phone or ID number rides along),
 * which add up (the day is its categories; each wait at most the longest); of a day that has begun,
 * final only once it is over; a final summary stays as it is.
 */
export function checkQueueSummary(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): WriteDecision {
  const doc = queueSummaryDocSchema.parse(raw);
  if (doc.scope !== writer.org || doc.hall !== writer.org)
    return deny(`a queue summary is its own hall's, not ${doc.hall}'s`);
  if (doc.parties.length !== 1 || doc.parties[0] !== doc.scope) return deny("a queue summary's parties are its hall");
  if (doc._id !== queueSummaryDocId(doc.day, doc.hall)) return deny("a queue summary's id is its day and hall");
  if (doc.called > doc.issued || doc.finished > doc.called || doc.noShows > doc.issued)
    return deny("a queue summary's counts do not add up");
  if (doc.categories.some((c) => c.called > c.issued || c.finished > c.called))
    return deny("a queue summary's counts do not add up");
  const summed = sumsProblem(doc);
  if (summed) return deny(summed);
  const dayProblem = whenProblem(doc, ctx.now);
  if (dayProblem) return deny(dayProblem);
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (current && current.scope !== writer.org) return deny('only its hall changes a queue summary');
  if (current?.final === true) return deny('a final queue summary stays as it is');
  return decide(proofProblem(writer, raw, ctx));
}

/** The longest a ticket of one day may be served: a clerk who left one open is not a month's service. */
const LONGEST_SERVE_MS = 86_400_000;
/** How far ahead of the checker's clock a hall's day may already have begun (or ended): clocks differ. */
const CLOCK_AHEAD_MS = 10 * 60_000;

/** Why the day's totals are not its categories' sums, or its summed times not what its counts allow. */
function sumsProblem(doc: QueueSummaryDoc): string | undefined {
  for (const field of ['issued', 'called', 'finished', 'noShows', 'waitMsTotal', 'serveMsTotal'] as const) {
    if (doc.categories.reduce((n, c) => n + c[field], 0) !== doc[field])
      return `the summary's ${field} is not the sum of its categories'`;
  }
  if (new Set(doc.categories.map((c) => c.category)).size !== doc.categories.length)
    return 'a category has one line in a summary';
  if (doc.appointments > doc.issued) return 'more appointments checked in than tickets issued';
  // Every wait summed is at most the day's longest, every serving at most a day.
  if ([doc, ...doc.categories].some((c) => c.waitMsTotal > c.called * doc.longestWaitMs))
    return 'the summed waits exceed the longest wait for each call';
  if (doc.serveMsTotal > doc.finished * LONGEST_SERVE_MS)
    return 'the summed serving times exceed a day for each ticket';
  return undefined;
}

/** Why the summary's day is not a day of the calendar that has begun, or is called final before it ended. */
function whenProblem(doc: QueueSummaryDoc, now: Date): string | undefined {
  const day = `${doc.day.slice(0, 4)}-${doc.day.slice(4, 6)}-${doc.day.slice(6)}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) return `${doc.day} is no day`;
  const today = chinaDate(new Date(now.getTime() + CLOCK_AHEAD_MS));
  if (day > today) return `day ${doc.day} has not begun`;
  if (doc.final && day >= today) return `day ${doc.day} is not over: its summary is not final yet`;
  return undefined;
}

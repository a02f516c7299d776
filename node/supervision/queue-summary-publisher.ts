import type { Logger } from 'pino';
import { queueSummaryDocId, type QueueSummaryDoc } from '../../sync/index.js';
import { PeriodicPass } from '../periodic-pass.js';
import type { HallQueue } from '../queue/index.js';
import { queueDay } from '../queue/queue-day.js';
import { summariseDay } from '../queue/summarise-day.js';
import type { GuardedWriter } from '../store/guarded-writer.js';

const TICK_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** How many past days a restarted hall looks back at for a summary it never made final (a week offline). */
const LOOK_BACK_DAYS = 7;

/**
 * 排队日报: each hall publishes its queue of the day as a replicated summary (counts and times,
 * no personal data; see sync/queue-summary.ts) every few minutes while it changes, and once more,
 * final, after the day — so the district center's figures cover every hall's queue, not only its
 * own, and keep them once the tickets' personal data are purged.
 */
export class QueueSummaryPublisher {
  private readonly periodic: PeriodicPass;

  constructor(
    private readonly o: {
      org: string;
      queue: HallQueue;
      guard: GuardedWriter;
      db: PouchDB.Database;
      clock: () => Date;
      logger: Logger;
    },
  ) {
    this.periodic = new PeriodicPass(
      TICK_MS,
      () => this.pass(),
      (err) => o.logger.warn({ err }, 'queue summary not published; the next tick retries'),
    );
  }

  start(): void {
    this.periodic.start();
  }

  /** One pass now: today's summary, and any past day's not yet final. */
  runOnce(): Promise<void> {
    return this.periodic.runOnce();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private async pass(): Promise<void> {
    const now = this.o.clock();
    const today = queueDay(now);
    for (let back = LOOK_BACK_DAYS; back >= 1; back--)
      await this.publish(queueDay(new Date(now.getTime() - back * DAY_MS)), now, true);
    await this.publish(today, now, false);
  }

  private async publish(day: string, now: Date, final: boolean): Promise<void> {
    const id = queueSummaryDocId(day, this.o.org);
    const held = await this.o.db.get<QueueSummaryDoc>(id).catch(() => undefined);
    if (held?.final) return;
    const tickets = await this.o.queue.ticketsOn(day);
    // A past day with no ticket and no summary: the hall was closed, nothing to report.
    if (!tickets.length && !held) return;
    const counts = summariseDay(tickets, now);
    // Unchanged since the last write: nothing to replicate.
    if (held && JSON.stringify([counts, final]) === JSON.stringify([countsOf(held), held.final])) return;
    const doc = {
      _id: id,
      ...(held?._rev ? { _rev: held._rev } : {}),
      type: 'queue-summary' as const,
      scope: this.o.org,
      parties: [this.o.org],
      author: { id: `node:${this.o.org}`, name: '排队日报', org: this.o.org },
      at: now.toISOString(),
      hall: this.o.org,
      day,
      ...counts,
      final,
    };
    await this.o.guard.put(doc);
  }
}

/** The counts of a held summary, in summariseDay's order, to compare with a fresh one. */
function countsOf(d: QueueSummaryDoc) {
  const { issued, called, finished, noShows, appointments, waitMsTotal, longestWaitMs, serveMsTotal, categories } = d;
  return { issued, called, finished, noShows, appointments, waitMsTotal, longestWaitMs, serveMsTotal, categories };
}

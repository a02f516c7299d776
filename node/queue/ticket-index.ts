import { firstInOrder, lineOf } from './rank-tickets.js';
import type { Ticket } from './ticket.js';

type Bucket = Map<string, Ticket>;

/** Serving time of the finished tickets that have one: how many and their sum. */
export interface Served {
  count: number;
  ms: number;
}

const LIVE: ReadonlySet<Ticket['state']> = new Set(['waiting', 'called', 'parked']);
const NONE: readonly Ticket[] = [];
const ALL = 0;
/**
 * The first ticket of each line without an appointment, whose order does not change with the
 * time: it holds until the bucket changes (`change` forgets it), and a bucket shared by an index
 * and its fork holds the same tickets in both.
 */
const firsts = new WeakMap<Bucket, Ticket>();

/**
 * Today's tickets indexed for the queue's decisions, so that an action costs what is live, not
 * what was issued today: the waiting tickets by line (`lineOf`), the live ones (waiting, called,
 * parked) by category, the called and parked ones by window; and what the day adds up to — the
 * last number of each category, the last place in line, the serving times of finished tickets.
 * Only the queue's own writes change tickets (its database is never replicated), and every one of
 * them goes through `put`. A batch decides on a `fork`, which shares each bucket with the index
 * until it changes it, and becomes the index once its batch is on disk.
 */
export class TicketIndex {
  /** The buckets this copy made itself and may change; the others are shared with the index it was forked from. */
  private readonly own = new Set<Bucket>();

  private constructor(
    private readonly waiting: Map<string, Bucket>,
    private readonly live: Map<number, Bucket>,
    private readonly atWindow: Map<string, Bucket>,
    private readonly lastN: Map<number, number>,
    private seq: number,
    private readonly served: Map<number, Served>,
    private readonly appointmentsWaiting: Map<string, number>,
  ) {}

  /** The index of a day's tickets. */
  static of(tickets: Iterable<Ticket>): TicketIndex {
    const index = new TicketIndex(new Map(), new Map(), new Map(), new Map(), 0, new Map(), new Map());
    for (const t of tickets) index.put(undefined, t);
    return index;
  }

  /** A copy to change (a batch's): as cheap as the number of lines, categories and windows. */
  fork(): TicketIndex {
    return new TicketIndex(
      new Map(this.waiting),
      new Map(this.live),
      new Map(this.atWindow),
      new Map(this.lastN),
      this.seq,
      new Map(this.served),
      new Map(this.appointmentsWaiting),
    );
  }

  /** Keeps the index true when a ticket is written: `before` as it was (undefined when new), `after` as it is now. */
  put(before: Ticket | undefined, after: Ticket): void {
    if (before) this.count(before, -1);
    this.count(after, 1);
  }

  /** The waiting tickets of a line, in no particular order. */
  waitingIn(line: string): Iterable<Ticket> {
    return this.waiting.get(line)?.values() ?? NONE;
  }

  /** The first waiting ticket of a line in calling order: what its next call takes, if anyone waits. */
  firstIn(line: string, now: Date): Ticket | undefined {
    const bucket = this.waiting.get(line);
    if (!bucket?.size) return undefined;
    if (this.appointmentsWaiting.has(line)) return firstInOrder(bucket.values(), now);
    let first = firsts.get(bucket);
    if (!first) firsts.set(bucket, (first = firstInOrder(bucket.values(), now)!));
    return first;
  }

  /** Every line some ticket has waited in today. */
  lines(): Iterable<string> {
    return this.waiting.keys();
  }

  /** The lines where an appointment waits: the only order that changes with the time (rankTickets). */
  linesWithAppointments(): Iterable<string> {
    return this.appointmentsWaiting.keys();
  }

  /** The waiting, called and parked tickets of a category. */
  liveOf(category: number): Iterable<Ticket> {
    return this.live.get(category)?.values() ?? NONE;
  }

  /** The ticket called at a window, if any. */
  calledAt(windowId: string): Ticket | undefined {
    for (const t of this.atWindow.get(windowId)?.values() ?? NONE) if (t.state === 'called') return t;
    return undefined;
  }

  /** The tickets parked at a window. */
  parkedAt(windowId: string): Ticket[] {
    return [...(this.atWindow.get(windowId)?.values() ?? NONE)].filter((t) => t.state === 'parked');
  }

  /** The highest number (`n`) issued today in a category, 0 before the first. */
  lastNumber(category: number): number {
    return this.lastN.get(category) ?? 0;
  }

  /** The highest place in the day's line (`seq`), 0 before the first ticket. */
  lastSeq(): number {
    return this.seq;
  }

  /** The serving times of today's finished tickets of a category, or of all when none is given. */
  servedOf(category?: number): Served {
    return this.served.get(category ?? ALL) ?? { count: 0, ms: 0 };
  }

  private count(t: Ticket, sign: 1 | -1): void {
    if (t.state === 'waiting') {
      const line = lineOf(t);
      this.change(this.waiting, line, t, sign);
      if (t.appointment) {
        const n = (this.appointmentsWaiting.get(line) ?? 0) + sign;
        if (n > 0) this.appointmentsWaiting.set(line, n);
        else this.appointmentsWaiting.delete(line);
      }
    }
    if (LIVE.has(t.state)) this.change(this.live, t.category, t, sign);
    if ((t.state === 'called' || t.state === 'parked') && t.window) this.change(this.atWindow, t.window, t, sign);
    if (t.state === 'finished' && t.servingMs > 0) {
      for (const key of [t.category, ALL]) {
        const s = this.servedOf(key);
        this.served.set(key, { count: s.count + sign, ms: s.ms + sign * t.servingMs });
      }
    }
    if (sign > 0) {
      // A ticket's number and place never change once issued: the highest only grows.
      if (t.n > this.lastNumber(t.category)) this.lastN.set(t.category, t.n);
      if (t.seq > this.seq) this.seq = t.seq;
    }
  }

  private change<K>(outer: Map<K, Bucket>, key: K, t: Ticket, sign: 1 | -1): void {
    let bucket = outer.get(key);
    if (sign < 0 && !bucket?.has(t.id)) return;
    if (!bucket || !this.own.has(bucket)) {
      // Copied on its first change here: the index this was forked from keeps its own.
      bucket = new Map(bucket);
      outer.set(key, bucket);
      this.own.add(bucket);
    }
    if (sign > 0) bucket.set(t.id, t);
    else bucket.delete(t.id);
    firsts.delete(bucket);
  }
}

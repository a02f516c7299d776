import { HallnetError } from '../../sync/index.js';
import type { Appointment } from './appointment.js';
import { bookAppointment, type BookingRequest } from './book-appointment.js';
import { bookingSlots } from './booking-slots.js';
import { callNext } from './call-next.js';
import { cancelAppointment } from './cancel-appointment.js';
import type { QueueActor } from './clerk-window.js';
import { closeWindow } from './close-window.js';
import { issueTicket, type IssueRequest } from './issue-ticket.js';
import { openWindow } from './open-window.js';
import { queueDay } from './queue-day.js';
import type { QueueOptions } from './queue-options.js';
import type { QueueNotify } from './queue-sms.js';
import { currentAt, type Decision, type QueueContext, type QueueNotice, type QueueState } from './queue-state.js';
import { queueStats } from './queue-stats.js';
import type { QueueStore } from './queue-store.js';
import { LaidOverMap } from './laid-over-map.js';
import { lineOf, linesCalledAt } from './rank-tickets.js';
import { randomId } from './random-id.js';
import { reissueTicket } from './reissue-ticket.js';
import { ScreenFeed, type ScreenListener } from './screen-feed.js';
import { screenSnapshot } from './screen-snapshot.js';
import type { ServiceWindow } from './service-window.js';
import { setupWindow, type WindowSetup } from './setup-window.js';
import { TicketIndex } from './ticket-index.js';
import { clerkTicketView, ticketView } from './ticket-view.js';
import type { Ticket } from './ticket.js';
import { twoAheadNotices } from './two-ahead-notices.js';
import { windowAction, type WindowAction } from './window-action.js';

/** The state as the queue holds it: the same maps, which only the queue changes, after a write. */
type OwnState = QueueState & {
  tickets: Map<string, Ticket>;
  windows: Map<string, ServiceWindow>;
  appointments: Map<string, Appointment>;
};

type QueueDoc = Ticket | ServiceWindow | Appointment;

/** A batch's view of the state: its changes laid over the state's maps and a fork of the index, the state once written. */
interface BatchState {
  state: QueueState & {
    tickets: LaidOverMap<string, Ticket>;
    windows: LaidOverMap<string, ServiceWindow>;
    appointments: LaidOverMap<string, Appointment>;
  };
  /** Whether the next two-ahead check looks at every line rather than those the action changed. */
  checkAllLines: boolean;
}

/** An action waiting for its batch: it decides on the batch's state and answers what it wrote and what follows once written. */
interface QueuedAction {
  apply(work: BatchState, ctx: QueueContext): { docs: QueueDoc[]; done: () => void };
  fail(err: unknown): void;
}

/** What a HallQueue is built from; `createHallQueue` fills it in. */
export interface HallQueueDeps {
  store: QueueStore;
  clock: () => Date;
  notify: QueueNotify;
  options: QueueOptions;
  hallName: () => string;
  categoryName(category: number): string;
  warn(detail: object, msg: string): void;
}

/**
 * The hall's queue (取号叫号), local to the node. Actions run one at a time: each decision is
 * made on the current state, written to disk, and only then applied in memory, shown on the
 * calling screens and sent as SMS — so a refused or failed action changes nothing. Actions that
 * arrive while a write is under way are decided in turn and written together (`run`).
 */
export class HallQueue {
  private chain: Promise<unknown> = Promise.resolve();
  /** Actions waiting for the next batch. */
  private actions: QueuedAction[] = [];
  private readonly feed: ScreenFeed;
  private readonly sending = new Set<Promise<void>>();
  private closed = false;
  /**
   * Whether the next two-ahead check looks at every line: after loading a day, whose lines no
   * check of this process has seen (the threshold may have changed since). Then only the lines an
   * action changes and those with an appointment, whose place changes as its time comes.
   */
  private checkAllLines = true;

  private constructor(
    private state: OwnState,
    private readonly deps: HallQueueDeps,
  ) {
    this.feed = new ScreenFeed(deps.options.recentCalls);
  }

  /** The hall's queue rules. */
  get rules(): QueueOptions {
    return this.deps.options;
  }

  /** Loads today's tickets, the windows and the appointments to come from the store. */
  static async open(deps: HallQueueDeps): Promise<HallQueue> {
    const day = queueDay(deps.clock());
    const stored = await deps.store.load(day);
    return new HallQueue(
      {
        day,
        tickets: new Map(stored.tickets.map((t) => [t.id, t])),
        index: TicketIndex.of(stored.tickets),
        windows: new Map(stored.windows.map((w) => [w.id, w])),
        appointments: new Map(stored.appointments.map((a) => [a.id, a])),
      },
      deps,
    );
  }

  /** The ticket machine: issues a ticket and answers the slip's contents. */
  issue(req: IssueRequest) {
    return this.run(
      (s, ctx) => issueTicket(s, req, ctx, randomId(s.day)),
      (t, s, ctx) => ticketView(t, s, ctx),
    );
  }

  /** 过号补号: puts a missed ticket back at its old place. */
  reissue(ticketId: string) {
    return this.run(
      (s, ctx) => reissueTicket(s, ticketId, ctx),
      (t, s, ctx) => ticketView(t, s, ctx),
    );
  }

  /** Books an appointment (预约); `published`: only one of the published slots (a resident's own booking). */
  book(req: BookingRequest, bookedBy: string, published = false): Promise<Appointment> {
    return this.run(
      (s, ctx) => bookAppointment(s, req, bookedBy, ctx, randomId, published),
      (a) => a,
    );
  }

  /** A date's (`YYYY-MM-DD`) slots of a category still ahead, each with its capacity and how many are booked. */
  slots(category: number, date: string) {
    const ctx = this.context();
    return bookingSlots(this.view(ctx.now), category, date, ctx);
  }

  /** The appointments from today on booked under an ID number or a phone, earliest first (a resident's own list). */
  appointmentsOf(who: { idNumber?: string; phone?: string }): Appointment[] {
    const s = this.view(this.deps.clock());
    return [...s.appointments.values()]
      .filter((a) => (who.idNumber && a.idNumber === who.idNumber) || (who.phone && a.phone === who.phone))
      .sort((a, b) => a.slot.localeCompare(b.slot));
  }

  /** The appointment from today on that `bookedBy` made (a booking from another hall's portal is made once). */
  appointmentBookedBy(bookedBy: string): Appointment | undefined {
    for (const a of this.view(this.deps.clock()).appointments.values()) if (a.bookedBy === bookedBy) return a;
    return undefined;
  }

  /** Cancels a booked appointment. */
  cancelAppointment(id: string): Promise<Appointment> {
    return this.run(
      (s) => cancelAppointment(s, id),
      (a) => a,
    );
  }

  /** The director creates a window or changes its name and categories. */
  setupWindow(id: string, setup: WindowSetup) {
    return this.run(
      (s, ctx) => setupWindow(s, id, setup, ctx),
      (w, s, ctx) => this.windowView(w.id, s, ctx),
    );
  }

  /** A clerk opens a window, which is then bound to him. */
  openWindow(id: string, clerk: QueueActor) {
    return this.run(
      (s, ctx) => openWindow(s, id, clerk, ctx),
      (w, s, ctx) => this.windowView(w.id, s, ctx),
    );
  }

  /** Its clerk or the director closes a window. */
  closeWindow(id: string, actor: QueueActor) {
    return this.run(
      (s, ctx) => closeWindow(s, id, actor, ctx),
      (w, s, ctx) => this.windowView(w.id, s, ctx),
    );
  }

  /** The clerk calls the next ticket for his window; null when nobody waits for it. */
  callNext(windowId: string, clerk: QueueActor) {
    return this.run(
      (s, ctx) => callNext(s, windowId, clerk, ctx),
      (t, _s, ctx) => (t ? clerkTicketView(t, ctx) : null),
    );
  }

  /** Recall, no-show, transfer, park, resume or finish at the clerk's window. */
  act(windowId: string, clerk: QueueActor, action: WindowAction) {
    return this.run(
      (s, ctx) => windowAction(s, windowId, clerk, action, ctx),
      (t, _s, ctx) => clerkTicketView(t, ctx),
    );
  }

  /** A ticket as its holder sees it, from any day; undefined when there is none. */
  async ticket(id: string) {
    const ctx = this.context();
    const s = this.view(ctx.now);
    const t = s.tickets.get(id) ?? (await this.deps.store.ticket(id));
    return t ? ticketView(t, s, ctx) : undefined;
  }

  /** A ticket as stored, any day (rating a finished visit needs its window and clerk). */
  async storedTicket(id: string): Promise<Ticket | undefined> {
    return this.state.tickets.get(id) ?? (await this.deps.store.ticket(id));
  }

  /** A day's tickets (`YYYYMMDD`) as stored, for figures over a period. */
  async ticketsOn(day: string): Promise<Ticket[]> {
    if (day === this.state.day) return [...this.state.tickets.values()];
    return (await this.deps.store.load(day)).tickets;
  }

  /** Erases tickets' and appointments' ID numbers and phones older than the hall's `personalDataDays`; answers how many. */
  purgePersonalData(): Promise<number> {
    const cutoff = queueDay(new Date(this.deps.clock().getTime() - this.deps.options.personalDataDays * 86_400_000));
    const task = this.chain.then(() => this.deps.store.purgePersonalData(cutoff));
    this.chain = task.catch(() => undefined);
    return task;
  }

  /** Every window with what it serves now, what is parked at it and how many wait for it. */
  windows() {
    const ctx = this.context();
    const s = this.view(ctx.now);
    return [...s.windows.keys()]
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((id) => this.windowView(id, s, ctx));
  }

  /** One window as stored (no tickets looked at): what a caller needs to know who holds it. */
  window(id: string): ServiceWindow | undefined {
    return this.state.windows.get(id);
  }

  /** The window open under this clerk, if any (a clerk holds at most one at a time). */
  windowOpenBy(clerkId: string): ServiceWindow | undefined {
    for (const w of this.state.windows.values()) if (w.open && w.clerk?.id === clerkId) return w;
    return undefined;
  }

  /** Today's missed tickets that may still be re-issued (过号补号), for the clerks' panel: earliest miss first. */
  missed() {
    const ctx = this.context();
    const s = this.view(ctx.now);
    return [...s.tickets.values()]
      .map((t) => ({ t, view: ticketView(t, s, ctx) }))
      .filter(({ view }) => view.reissueUntil !== null)
      .sort((a, b) => (a.t.noShowAt! < b.t.noShowAt! ? -1 : 1))
      .map(({ t, view }) => ({ ...clerkTicketView(t, ctx), missedAt: t.noShowAt!, reissueUntil: view.reissueUntil! }));
  }

  /** The calling screen's picture of the hall now. */
  snapshot() {
    const ctx = this.context();
    const s = this.view(ctx.now);
    return screenSnapshot(s, s === this.state ? this.feed.recentCalls() : [], ctx);
  }

  /** Today's queue length, waits and serving times per category. */
  stats() {
    const ctx = this.context();
    return queueStats(this.view(ctx.now), ctx);
  }

  /** Follows the calling screen's events; the function returned stops following. */
  subscribe(listener: ScreenListener): () => void {
    return this.feed.subscribe(listener);
  }

  /** How many calling screens follow the live feed now. */
  get screens(): number {
    return this.feed.listening;
  }

  /** Resolves once every SMS asked for so far has been handed to `notify` and answered. */
  async settled(): Promise<void> {
    await this.chain;
    await Promise.all([...this.sending]);
  }

  /** Finishes the action under way, ends the screens' feeds and closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    this.feed.close();
    await this.deps.store.close();
  }

  private context(): QueueContext {
    return {
      now: this.deps.clock(),
      options: this.deps.options,
      hallName: this.deps.hallName(),
      categoryName: this.deps.categoryName,
    };
  }

  private windowView(id: string, s: QueueState, ctx: QueueContext) {
    const w = s.windows.get(id);
    if (!w) throw new HallnetError('ERR_NOT_FOUND', `no window ${id}`);
    const serving = w.open ? currentAt(s, w.id) : undefined;
    let waiting = 0;
    for (const line of linesCalledAt(w)) for (const _ of s.index.waitingIn(line)) waiting++;
    return {
      ...w,
      categoryNames: w.categories.map((c) => ctx.categoryName(c)),
      serving: serving ? clerkTicketView(serving, ctx) : null,
      parked: s.index.parkedAt(w.id).map((t) => clerkTicketView(t, ctx)),
      waiting,
    };
  }

  /**
   * Queues an action. Actions asked for while a batch is being written go together as the next
   * batch (group commit): each decides in turn on a copy of the state with the batch's earlier
   * changes laid over it, the batch is written in one go (one fsync), and only then does the copy
   * become the state, the screens and SMS hear of it and each caller is answered. A refused
   * action changes nothing; a failed write fails its whole batch and leaves the state as it was.
   */
  private run<T, R>(
    decide: (s: QueueState, ctx: QueueContext) => Decision<T>,
    present: (result: T, s: QueueState, ctx: QueueContext) => R,
  ): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.actions.push({
        fail: reject,
        apply: (work, ctx) => {
          const { result, change } = decide(work.state, ctx);
          const { tickets, index } = work.state;
          const changed = new Map<string, Ticket>();
          // The lines whose head may have moved: each changed ticket's, before and after.
          const lines = new Set<string>();
          const write = (t: Ticket) => {
            const before = tickets.get(t.id);
            if (before?.state === 'waiting') lines.add(lineOf(before));
            if (t.state === 'waiting') lines.add(lineOf(t));
            index.put(before, t);
            tickets.set(t.id, t);
            changed.set(t.id, t);
          };
          for (const t of change.tickets ?? []) write(t);
          const touched = changed.size + (change.windows?.length ?? 0) + (change.appointments?.length ?? 0) > 0;
          let soon: ReturnType<typeof twoAheadNotices> = { marked: [], notices: [] };
          if (touched) {
            for (const line of work.checkAllLines ? index.lines() : index.linesWithAppointments()) lines.add(line);
            work.checkAllLines = false;
            soon = twoAheadNotices(
              [...lines].flatMap((line) => [...index.waitingIn(line)]),
              ctx.now,
              this.deps.options.twoAhead,
              ctx,
            );
          }
          for (const t of soon.marked) write(t);
          for (const w of change.windows ?? []) work.state.windows.set(w.id, w);
          for (const a of change.appointments ?? []) work.state.appointments.set(a.id, a);
          return {
            docs: [...changed.values(), ...(change.windows ?? []), ...(change.appointments ?? [])],
            done: () => {
              this.feed.publish(change.events ?? [], ctx.now);
              this.send([...(change.notices ?? []), ...soon.notices]);
              resolve(present(result, this.state, ctx));
            },
          };
        },
      });
      if (this.actions.length === 1) {
        const batch = this.chain.then(() => this.runBatch());
        this.chain = batch.catch(() => undefined);
      }
    });
  }

  /** Decides, writes and applies every action queued so far (see `run`). */
  private async runBatch(): Promise<void> {
    const actions = this.actions;
    this.actions = [];
    try {
      if (this.closed) throw new HallnetError('ERR_INTERNAL', 'the queue is closed');
      await this.rollOver(this.deps.clock());
    } catch (err) {
      for (const a of actions) a.fail(err);
      return;
    }
    const s = this.state;
    const work: BatchState = {
      state: {
        day: s.day,
        tickets: new LaidOverMap(s.tickets),
        index: s.index.fork(),
        windows: new LaidOverMap(s.windows),
        appointments: new LaidOverMap(s.appointments),
      },
      checkAllLines: this.checkAllLines,
    };
    const docs = new Map<string, QueueDoc>();
    const taken: { action: QueuedAction; done: () => void }[] = [];
    for (const action of actions) {
      try {
        const { docs: written, done } = action.apply(work, this.context());
        // A document changed twice in the batch is written once, as it ends up.
        for (const d of written) docs.set(`${d.type}:${d.id}`, d);
        taken.push({ action, done });
      } catch (err) {
        action.fail(err);
      }
    }
    if (docs.size) {
      try {
        await this.deps.store.save([...docs.values()]);
      } catch (err) {
        for (const t of taken) t.action.fail(err);
        return;
      }
      work.state.tickets.commit();
      work.state.windows.commit();
      work.state.appointments.commit();
      s.index = work.state.index;
      this.checkAllLines = work.checkAllLines;
    }
    for (const t of taken) t.done();
  }

  /** What to show now: the state, or an empty new day when midnight passed with no action since. */
  private view(now: Date): QueueState {
    const day = queueDay(now);
    if (day === this.state.day) return this.state;
    const appointments = new Map([...this.state.appointments].filter(([, a]) => a.day >= day));
    return { day, tickets: new Map(), index: TicketIndex.of([]), windows: this.state.windows, appointments };
  }

  /** A new day: yesterday's tickets leave memory (they stay on disk), numbering starts again. */
  private async rollOver(now: Date): Promise<void> {
    const day = queueDay(now);
    if (day === this.state.day) return;
    const stored = await this.deps.store.load(day);
    this.state = {
      day,
      tickets: new Map(stored.tickets.map((t) => [t.id, t])),
      index: TicketIndex.of(stored.tickets),
      windows: this.state.windows,
      appointments: new Map(stored.appointments.map((a) => [a.id, a])),
    };
    this.checkAllLines = true;
    this.feed.forgetCalls();
  }

  private send(notices: readonly QueueNotice[]): void {
    for (const n of notices) {
      const p = Promise.resolve()
        .then(() => this.deps.notify(n.phone, n.template, n.params))
        .catch((err: unknown) => this.deps.warn({ err, template: n.template }, 'queue SMS not sent'))
        .finally(() => this.sending.delete(p));
      this.sending.add(p);
    }
  }
}

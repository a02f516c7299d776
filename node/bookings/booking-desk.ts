import type { Logger } from 'pino';
import {
  BOOKING_PERSONAL_DATA_DAYS,
  bookingDocSchema,
  bookingErasableFrom,
  bookingNotice,
  bookingNoticeId,
  renderNotice,
  type BookingDoc,
  type NoticeDoc,
} from '../../sync/index.js';
import { bookableMatter } from '../domain/bookable-matter.js';
import type { HallQueue } from '../queue/index.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import { eachWithPrefix } from '../store/each-with-prefix.js';
import { followReplica, type ReplicaChange, type ReplicaFollower } from '../store/follow-replica.js';
import type { ReferenceData } from '../store/reference-data.js';
import { chinaDate } from '../domain/working-days.js';
import { bookingRefusal } from './booking-refusal.js';
import { HallnetError } from '../../sync/index.js';
import { PeriodicPass } from '../periodic-pass.js';

export interface BookingDeskOptions {
  db: PouchDB.Database;
  guard: GuardedWriter;
  queue: HallQueue;
  reference: ReferenceData;
  org: string;
  clock: () => Date;
  logger: Logger;
  /** How often bookings left waiting are looked at again; a minute unless set. */
  everyMs?: number;
}

/** What a hall's appointment made from a booking is booked by: the booking, so a decision lost in a crash is found again. */
export const bookedByBooking = (id: string) => `booking:${id}`;

/**
 * The hall's side of 预约 at any hall: every booking for this hall that reaches its replica (from
 * its own portal or, through the hub, from another hall's) is admitted into its own queue against
 * its slots' capacity and marked booked with the appointment's id, or refused with the reason in
 * Chinese; a booking cancelled at either hall cancels the appointment; an appointment checked in
 * at the kiosk marks its booking checked in (on the next pass); a booking decided whose slot is
 * past the keeping (the hall's `personalDataDays`, never less than the district's
 * `BOOKING_PERSONAL_DATA_DAYS` the write rule holds it to) has the resident's ID number and phone
 * erased, at both halls and above, as the hall's own tickets and appointments do. Bookings are taken one at a
 * time, at start from what the replica holds and then as they arrive, so the hall alone keeps
 * count of its slots, offline or not.
 */
export class BookingDesk {
  private feed: ReplicaFollower | undefined;
  /** Bookings left waiting (the hall had no windows yet, a write failed) are taken again on this pass. */
  private readonly again: PeriodicPass;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  /**
   * This hall's bookings whose ID number and phone are not erased yet, with their state and slot:
   * only these can still ask for something, so a pass looks at them, not at every booking the hall
   * ever took. Read whole at start, then kept from the replica's feed.
   */
  private readonly open = new Map<string, { state: BookingDoc['state']; slot: string }>();
  private read = false;

  constructor(private readonly o: BookingDeskOptions) {
    this.again = new PeriodicPass(
      o.everyMs ?? 60_000,
      () => this.scan(),
      (err) => o.logger.warn({ err }, 'bookings not looked at again'),
    );
  }

  /** Takes every booking for this hall that still asks for something. */
  private async scan(): Promise<void> {
    if (!this.read) {
      await eachWithPrefix(this.o.db, 'booking:', (_id, doc) => doc && this.remember(doc));
      this.read = true;
    }
    for (const [id, b] of this.open) {
      const uuid = id.slice('booking:'.length);
      const appointment = () => this.o.queue.appointmentBookedBy(bookedByBooking(uuid))?.state;
      if (
        b.state === 'requested' ||
        (b.state === 'cancelled' && appointment() === 'booked') ||
        (b.state === 'booked' && appointment() === 'checked-in') ||
        this.pastKeeping(b.slot)
      )
        this.enqueueId(id);
    }
    await this.chain;
  }

  /** Keeps a booking of this hall in `open` until its personal data is erased. */
  private remember(raw: object): void {
    const parsed = bookingDocSchema.safeParse(raw);
    if (!parsed.success || parsed.data.hall !== this.o.org) return;
    const b = parsed.data;
    if (b.erasedAt) this.open.delete(b._id);
    else this.open.set(b._id, { state: b.state, slot: b.slot });
  }

  /** Takes the bookings the replica holds, then follows it; looks again now and then for those left waiting. */
  async start(): Promise<void> {
    const info = await this.o.db.info();
    await this.scan();
    this.again.start();
    this.feed = followReplica(
      this.o.db,
      { since: info.update_seq, conflicts: true, what: 'booking desk', log: this.o.logger },
      (ch: ReplicaChange) => {
        if (!ch.doc || !ch.id.startsWith('booking:') || ch.deleted) return;
        this.remember(ch.doc);
        this.enqueue(ch.doc as unknown as Record<string, unknown>);
      },
    );
  }

  /**
   * Looks again now at every booking still asking for something (the pass runs every minute by
   * itself): one the hall could not decide yet, and one whose appointment was checked in at the
   * kiosk since, which the booking then says, so the portal that took it shows it too.
   */
  lookAgain(): Promise<void> {
    return this.again.runOnce();
  }

  /** Resolves once every booking taken so far is dealt with. */
  settled(): Promise<void> {
    return this.chain;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.feed?.cancel();
    await this.again.stop();
    await this.chain;
  }

  private enqueue(raw: Record<string, unknown>): void {
    const parsed = bookingDocSchema.safeParse(raw);
    if (parsed.success && parsed.data.hall === this.o.org) this.enqueueId(parsed.data._id);
  }

  private enqueueId(id: string): void {
    this.chain = this.chain
      .then(() => (this.stopped ? undefined : this.take(id)))
      .catch((err: unknown) => this.o.logger.warn({ err, id }, 'booking not dealt with'));
  }

  /** Deals with the booking as the replica holds it now (an earlier change may have moved it on). */
  private async take(id: string): Promise<void> {
    const doc = (await this.o.db.get(id, { conflicts: true })) as BookingDoc & { _rev: string; _conflicts?: string[] };
    if (doc.erasedAt) return;
    const uuid = id.slice('booking:'.length);
    // Cancelled at the portal while this hall admitted it: the two revisions conflict, and the cancel wins.
    const cancelledAside = await this.cancelledInConflict(id, doc._conflicts ?? []);
    // A hall not yet set up (its windows come with the first catalogue) decides nothing: the next pass does.
    if (doc.state === 'requested') return this.o.queue.windows().length ? this.decide(doc, uuid) : undefined;
    // Decided before a crash took the SMS with it: written now (once: its id is the booking's).
    await this.tell(doc);
    const appointment = this.o.queue.appointmentBookedBy(bookedByBooking(uuid));
    if (doc.state === 'booked' && !cancelledAside && appointment?.state === 'checked-in') {
      await this.write({ ...doc, state: 'checked-in', checkedInAt: this.now() });
      return;
    }
    if (doc.state === 'cancelled' || (doc.state === 'booked' && cancelledAside)) {
      if (appointment?.state === 'booked') await this.o.queue.cancelAppointment(appointment.id);
      if (doc.state === 'booked') return this.write({ ...doc, state: 'cancelled', cancelledAt: this.now() });
    }
    if (this.pastKeeping(doc.slot)) {
      const { account, name } = doc.resident;
      await this.write({ ...doc, resident: { account, name }, erasedAt: this.now() });
      this.o.logger.info({ id: doc._id }, "booking's ID number and phone erased");
    }
  }

  /**
   * Whether a booking of `slot` is past the keeping of its ID number and phone: its Beijing day is
   * older than the hall's `personalDataDays` (as its tickets' cutoff), never sooner than the
   * write rule's bound — from the next day on, so a checker whose clock lags hours still admits it.
   */
  private pastKeeping(slot: string): boolean {
    const now = this.o.clock().getTime();
    const days = Math.max(this.o.queue.rules.personalDataDays, BOOKING_PERSONAL_DATA_DAYS);
    return chinaDate(new Date(slot)) < chinaDate(new Date(now - days * 86_400_000)) && now >= bookingErasableFrom(slot);
  }

  private async decide(doc: BookingDoc & { _rev: string }, uuid: string): Promise<void> {
    const existing = this.o.queue.appointmentBookedBy(bookedByBooking(uuid));
    if (existing) {
      await this.write({ ...doc, state: 'booked', appointmentId: existing.id, decidedAt: this.now() });
      return this.tell({ ...doc, state: 'booked', appointmentId: existing.id, decidedAt: this.now() });
    }
    try {
      const matter = bookableMatter(this.o.reference.catalogue, doc.matterCode, this.o.org, doc.category);
      if (!this.o.reference.calendar.isWorkingDay(chinaDate(new Date(doc.slot))))
        throw new HallnetError('ERR_VALIDATION', 'slot on a day the hall is closed', {
          issues: [{ field: 'slot', reason: '该日为休息日，大厅不办公' }],
        });
      const appointment = await this.o.queue.book(
        {
          category: doc.category,
          matterCode: doc.matterCode,
          matterName: matter.name,
          slot: doc.slot,
          idNumber: doc.resident.idNumber,
          phone: doc.resident.phone,
        },
        bookedByBooking(uuid),
        true,
      );
      const booked = { ...doc, state: 'booked' as const, appointmentId: appointment.id, decidedAt: this.now() };
      await this.write(booked);
      this.o.logger.info({ id: doc._id, appointment: appointment.id }, 'booking admitted');
      await this.tell(booked);
    } catch (err) {
      const reason = bookingRefusal(err);
      if (!reason) throw err;
      const refused = { ...doc, state: 'refused' as const, reason, decidedAt: this.now() };
      await this.write(refused);
      this.o.logger.info({ id: doc._id, reason }, 'booking refused');
      await this.tell(refused);
    }
  }

  private async cancelledInConflict(id: string, revs: string[]): Promise<boolean> {
    for (const rev of revs) {
      const leaf = (await this.o.db.get(id, { rev }).catch(() => undefined)) as { state?: string } | undefined;
      if (leaf?.state === 'cancelled') return true;
    }
    return false;
  }

  /**
   * 短信通知: the resident is told this hall's decision (admitted with the slot, or refused with
   * the reason) through the hall's outbox, which sends it and retries; nothing when it is not
   * decided, or no phone is left on it.
   */
  private async tell(b: BookingDoc): Promise<void> {
    const notice = bookingNotice(b);
    const phone = b.resident.phone;
    if (!notice || !phone || b.erasedAt) return;
    if (await this.o.db.get(bookingNoticeId(b._id)).catch(() => undefined)) return;
    const hall = this.o.reference.orgName(this.o.org);
    const at = this.now();
    const doc: NoticeDoc = {
      _id: bookingNoticeId(b._id),
      type: 'notice',
      scope: this.o.org,
      parties: [this.o.org],
      author: { id: `node:${this.o.org}`, name: '短信通知', org: this.o.org },
      at,
      caseId: b._id,
      template: notice.template,
      phone,
      params: notice.params,
      text: renderNotice(notice.template, notice.params, hall)!,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
    };
    await this.o.guard.put(doc).catch((err: { status?: number }) => {
      if (err.status !== 409) throw err;
    });
  }

  private async write(doc: BookingDoc & { _rev: string; _conflicts?: string[] }): Promise<void> {
    const { _conflicts: _c, ...body } = doc;
    void _c;
    const name = this.o.reference.orgName(this.o.org);
    await this.o.guard.put({ ...body, author: { id: `node:${this.o.org}`, name, org: this.o.org }, at: this.now() });
  }

  private now(): string {
    return this.o.clock().toISOString();
  }
}

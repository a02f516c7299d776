import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PeriodicPass } from '../periodic-pass.js';
import type { NoticeSender } from '../../identity/index.js';
import {
  caseNamesOf,
  noticeDocSchema,
  winningBody,
  type Actor,
  type CaseState,
  type NoticeDoc,
} from '../../sync/index.js';
import type { CaseStore } from '../store/case-store.js';
import type { CaseIndex } from '../store/case-index.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import type { ReferenceData } from '../store/reference-data.js';
import { PendingNotices } from './pending-notices.js';
import { planNotices } from './plan-notices.js';

const MAX_ATTEMPTS = 8;
const TICK_MS = 5_000;
/**
 * Notices written or sent at once: their writes share one signing and one fsync, and the SMS
 * operator is asked in parallel, instead of one notice after another.
 */
const AT_ONCE = 16;
const DAY_MS = 86_400_000;
/** How far back the first pass after a start looks for cases that moved. */
const FIRST_PASS_DAYS = 7;
/** How long after a start the outbox waits for the hub before it sends anyway: a hall offline still sends. */
const HUB_WAIT_MS = 60_000;

/** When the case last moved: its latest event. */
function lastMoved(c: CaseState): number {
  let last = 0;
  for (const e of c.events) last = Math.max(last, Date.parse(e.at));
  return last;
}

export interface NoticeOutboxOptions {
  db: PouchDB.Database;
  org: string;
  index: CaseIndex;
  cases: CaseStore;
  reference: ReferenceData;
  /** Signs and checks every notice written; the outbox sends only notices this node signed itself. */
  guard: GuardedWriter;
  sender: NoticeSender;
  /** Where this hall's own pages are reached (its rating links point there); undefined until it listens. */
  linkBase: () => string | undefined;
  /** Whether the pull from the hub has caught up since the start; undefined for a hall that works without a hub. */
  hubCaughtUp?: (() => boolean) | undefined;
  clock: () => Date;
  logger: Logger;
}

/**
 * The node's SMS outbox. One rule decides who sends: the hall that accepted a case (its scope)
 * plans and sends that case's notices, and nobody else does. Notices are documents with ids from
 * the events that caused them, written before sending and marked after, so an offline hall sends
 * them later, a restart does not send twice, and the gateway gets the id as idempotency key.
 * Failed sends are retried with backoff. The same rule marks a 容缺 make-up deadline as missed.
 */
export class NoticeOutbox {
  private readonly periodic = new PeriodicPass(
    TICK_MS,
    () => this.pass(),
    (err) => this.o.logger.warn({ err }, 'notice outbox pass failed; the next tick retries'),
  );
  private readonly actor: Actor;
  /** Cases changed since the last pass (undefined: every case, as at the first pass). */
  private changed: Set<string> | undefined;
  /** Set once the node closes: a pass stops between two notices instead of holding the close. */
  private stopping = false;
  private readonly unsubscribe: () => void;
  /** The notices that may still be sent; opened at the first pass. */
  private pending: PendingNotices | undefined;
  private readonly startedAt = performance.now();
  private hubHeard = false;
  /**
   * The revision of each pending notice this outbox wrote, checked by the write rule as it wrote it:
   * sending it as it stands needs no second check (a revision id names its content).
   */
  private readonly checked = new Map<string, string>();

  constructor(private readonly o: NoticeOutboxOptions) {
    this.actor = { id: `node:${o.org}`, name: '短信通知', org: o.org };
    // A case's notices follow from its events: a case that did not change since the last pass
    // calls for nothing new, save the reminder its make-up deadline brings near (below).
    this.unsubscribe = o.index.subscribe((id) => this.changed?.add(id));
  }

  start(): void {
    this.periodic.start();
  }

  /** Plans, marks missed make-up deadlines, and sends what is due; one pass at a time. */
  runOnce(): Promise<void> {
    return this.periodic.runOnce();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe();
    await this.periodic.stop();
    this.pending?.close();
    await this.pending?.save().catch((err: unknown) => this.o.logger.warn({ err }, 'pending notices not saved'));
  }

  private async pass(): Promise<void> {
    const now = this.o.clock();
    // Opened before planning, so the notices this pass writes are in it when it sends.
    this.pending ??= await PendingNotices.open(this.o.db, this.o.org, this.o.logger);
    const hall = this.o.reference.orgName(this.o.org);
    const names = caseNamesOf(
      (p) => this.o.reference.orgName(p),
      (m, v) => this.o.reference.catalogue.version(m, v),
    );
    const changed = this.changed;
    this.changed = new Set();
    const planned: NoticeDoc[] = [];
    try {
      for (const c of [...this.o.index.values()]) {
        // What is left is planned at the next start (the cases that moved lately).
        if (this.stopping) break;
        if (c.scope !== this.o.org) continue;
        if (
          c.makeUpBy &&
          c.outstanding.length &&
          !c.makeUpOverdue &&
          c.status === 'processing' &&
          now.getTime() > Date.parse(c.makeUpBy)
        ) {
          await this.o.cases
            .append(`case:${c.id}`, this.actor, () => ({
              events: [{ id: randomUUID(), at: now.toISOString(), actor: this.actor, kind: 'make-up-overdue' }],
            }))
            .then(
              (doc) => this.o.index.put(doc),
              (err: unknown) => this.o.logger.warn({ err }, 'make-up overdue not marked'),
            );
        }
        // At the first pass every case that moved lately is looked at (what changed just before a
        // restart may not have been planned); one quiet for longer had its notices planned when it
        // moved. Not every case the hall ever held: a year's cases cost a read per notice at each start.
        const fresh = changed ? changed.has(c.id) : lastMoved(c) >= now.getTime() - FIRST_PASS_DAYS * DAY_MS;
        if (!fresh && !(c.makeUpBy && c.outstanding.length)) continue;
        for (const n of planNotices(c, now, this.o.reference.calendar, hall, names)) {
          if (!fresh && n.template !== 'case.make-up-due') continue;
          const doc: NoticeDoc = {
            _id: n.id,
            type: 'notice',
            scope: this.o.org,
            parties: [this.o.org],
            author: this.actor,
            at: now.toISOString(),
            caseId: c.id,
            template: n.template,
            phone: c.applicant.phone,
            params: n.params,
            text: n.text,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now.toISOString(),
          };
          planned.push(doc);
        }
      }
      for (let at = 0; at < planned.length; at += AT_ONCE)
        await Promise.all(planned.slice(at, at + AT_ONCE).map((doc) => this.write(doc)));
    } catch (err) {
      // Whatever this pass did not reach is planned again at the next, with what changed since
      // (a first pass that failed is a first pass again).
      if (changed) for (const id of changed) this.changed?.add(id);
      else this.changed = undefined;
      throw err;
    }
    await this.sendDue(now);
  }

  /** Writes a notice planned just now (one written already, by an earlier pass, stays as it is). */
  private async write(doc: NoticeDoc): Promise<void> {
    await this.o.guard.put(doc).then(
      (stored) => {
        this.checked.set(doc._id, stored._rev);
        // Sent in this same pass, before the feed names it.
        this.pending?.note(doc._id, doc);
      },
      (err: { status?: number }) => {
        if (err.status === 409) return;
        this.o.logger.warn({ err }, 'notice not written');
        this.changed?.add(doc.caseId);
      },
    );
  }

  /** Why the write rule, or this hall's own link base, refuses a notice as it stands in the replica. */
  private async refusal(n: NoticeDoc & { _rev: string }): Promise<string | undefined> {
    const base = this.o.linkBase();
    if (n.params.link !== undefined && (!base || !n.params.link.startsWith(`${base}/rate/`)))
      return 'the link is not to this hall';
    if (this.checked.get(n._id) === n._rev) return undefined;
    try {
      await this.o.guard.check({ ...n, _rev: undefined }, undefined);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /**
   * A replica restored from a backup holds its notices as they stood then, pending, while the hub
   * may hold them sent since: nothing goes out until the pull has caught up once, or the hub has
   * stayed away a minute.
   */
  private maySend(): boolean {
    this.hubHeard ||= this.o.hubCaughtUp?.() ?? true;
    return this.hubHeard || performance.now() - this.startedAt > HUB_WAIT_MS;
  }

  private async sendDue(now: Date): Promise<void> {
    const pending = this.pending;
    if (!pending || !this.maySend()) return;
    const due = pending.dueBy(now.getTime());
    // A backlog of SMS (an operator down for hours) would hold the node's close past systemd's stop limit.
    for (let at = 0; at < due.length && !this.stopping; at += AT_ONCE) {
      // Every send of a group ends before the pass does, even when one of them failed.
      const sent = await Promise.allSettled(due.slice(at, at + AT_ONCE).map((id) => this.send(id, now, pending)));
      const failed = sent.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    await pending.save();
  }

  /** Sends one due notice, if it is still this node's own and pending, and marks what came of it. */
  private async send(id: string, now: Date, pending: PendingNotices): Promise<void> {
    // Read alone: reading hundreds at once (allDocs with keys opens an iterator per key) held a
    // busy hall's event loop for 100–250 ms and every window waited. Every leaf is read, once: the
    // status written after sending is checked against them without reading again.
    const held = await this.o.guard.heldOf(id);
    const parsed = noticeDocSchema.safeParse(winningBody(held));
    if (!parsed.success) {
      pending.drop(id);
      return;
    }
    const n = parsed.data as NoticeDoc & { _rev: string };
    pending.note(id, n);
    if (n.status !== 'pending' || n.scope !== this.o.org) return;
    if (Date.parse(n.nextAttemptAt) > now.getTime()) return;
    // Only what this node wrote and signed leaves its outbox: a notice pushed in by anyone else is
    // never sent (looked at again only if it changes).
    if (!this.o.guard.signer.proved(n)) {
      pending.drop(id);
      this.o.logger.warn({ id: n._id }, 'notice not signed by this node: not sent');
      return;
    }
    // Nor one its own key signed that says what its case does not call for, or links elsewhere:
    // a stolen key's notice that reached the replica through an old hub or a restored backup.
    const refused = await this.refusal(n);
    if (refused) {
      pending.drop(id);
      this.o.logger.warn({ id: n._id, reason: refused }, 'notice refused by the write rule: not sent');
      return;
    }
    let next: NoticeDoc;
    try {
      await this.o.sender.send({
        id: n._id,
        phone: n.phone,
        template: n.template,
        params: { ...n.params, text: n.text },
      });
      next = { ...n, status: 'sent', attempts: n.attempts + 1, sentAt: this.o.clock().toISOString() };
    } catch (err) {
      const attempts = n.attempts + 1;
      const wait = Math.min(3600_000, 30_000 * 2 ** (attempts - 1));
      next = {
        ...n,
        attempts,
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
        nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
        lastError: String((err as Error).message).slice(0, 300),
      };
    }
    const { proof: _proof, ...unsigned } = next;
    void _proof;
    await this.o.guard.put({ ...unsigned, author: this.actor, at: this.o.clock().toISOString() }, { held }).then(
      (stored) => {
        if (next.status === 'pending') this.checked.set(id, stored._rev);
        else this.checked.delete(id);
        pending.note(id, next);
      },
      (err: unknown) => {
        // Checked in full before the next attempt: the rule may refuse it as its case stands now.
        this.checked.delete(id);
        this.o.logger.warn({ err }, 'notice status not saved');
      },
    );
  }
}

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PeriodicPass } from '../periodic-pass.js';
import type { NoticeSender } from '../../identity/index.js';
import { caseNamesOf, noticeDocSchema, type Actor, type NoticeDoc } from '../../sync/index.js';
import type { CaseStore } from '../store/case-store.js';
import type { CaseIndex } from '../store/case-index.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import { followReplica, type ReplicaFollower } from '../store/follow-replica.js';
import type { ReferenceData } from '../store/reference-data.js';
import { planNotices } from './plan-notices.js';

const MAX_ATTEMPTS = 8;
const TICK_MS = 5_000;

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
  private readonly unsubscribe: () => void;
  /**
   * The notices that may be pending, each with when it is next due: found at the first pass, then
   * kept from the replica's feed (whatever wrote them) and from this outbox's own attempts. Only a
   * hint: a due notice is read again before it is sent, so a stale entry costs one read. Undefined
   * until the first pass reads every notice.
   */
  private due: Map<string, number> | undefined;
  private notices: ReplicaFollower | undefined;

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

  stop(): Promise<void> {
    this.unsubscribe();
    this.notices?.cancel();
    return this.periodic.stop();
  }

  private async pass(): Promise<void> {
    const now = this.o.clock();
    const hall = this.o.reference.orgName(this.o.org);
    const names = caseNamesOf(
      (p) => this.o.reference.orgName(p),
      (m, v) => this.o.reference.catalogue.version(m, v),
    );
    const changed = this.changed;
    this.changed = new Set();
    try {
      for (const c of [...this.o.index.values()]) {
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
        const fresh = !changed || changed.has(c.id);
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
          await this.o.guard.put(doc).then(
            // Sent in this same pass, before the feed names it.
            () => this.due?.set(doc._id, now.getTime()),
            (err: { status?: number }) => {
              if (err.status === 409) return;
              this.o.logger.warn({ err }, 'notice not written');
              this.changed?.add(c.id);
            },
          );
        }
      }
    } catch (err) {
      // Whatever this pass did not reach is planned again, with every other case, at the next.
      this.changed = undefined;
      throw err;
    }
    await this.sendDue(now);
  }

  /** Why the write rule, or this hall's own link base, refuses a notice as it stands in the replica. */
  private async refusal(n: NoticeDoc): Promise<string | undefined> {
    const base = this.o.linkBase();
    if (n.params.link !== undefined && (!base || !n.params.link.startsWith(`${base}/rate/`)))
      return 'the link is not to this hall';
    try {
      await this.o.guard.check({ ...n, _rev: undefined }, undefined);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /** Starts following notices and reads every one of them: the first pass of this outbox. */
  private async readAll(): Promise<Map<string, number>> {
    // Following before reading: a notice written during the read reaches the map through the feed.
    const due = new Map<string, number>();
    this.due = due;
    const { update_seq } = await this.o.db.info();
    this.notices?.cancel();
    this.notices = followReplica(this.o.db, { since: update_seq, what: 'notice outbox', log: this.o.logger }, (ch) => {
      if (ch.id.startsWith('notice:')) this.hint(due, ch.id, ch.deleted ? undefined : ch.doc);
    });
    try {
      const res = await this.o.db.allDocs({ include_docs: true, startkey: 'notice:', endkey: 'notice:\uffff' });
      for (const row of res.rows) this.hint(due, row.id, row.doc);
      return due;
    } catch (err) {
      // Read again in full at the next pass.
      this.notices.cancel();
      this.notices = undefined;
      this.due = undefined;
      throw err;
    }
  }

  /** Keeps `id` in `due` while its document is a pending notice of this hall, with when it is due next. */
  private hint(due: Map<string, number>, id: string, doc: unknown): void {
    const n = doc as Partial<NoticeDoc> | undefined;
    if (n?.status === 'pending' && n.scope === this.o.org && typeof n.nextAttemptAt === 'string')
      due.set(id, Date.parse(n.nextAttemptAt) || 0);
    else due.delete(id);
  }

  private async sendDue(now: Date): Promise<void> {
    const due = this.due ?? (await this.readAll());
    // Each due notice is read alone, in turn: reading hundreds at once (allDocs with keys opens an
    // iterator per key) held a busy hall's event loop for 100–250 ms and every window waited.
    const ids = [...due].filter(([, at]) => at <= now.getTime()).map(([id]) => id);
    for (const id of ids) {
      const doc = await this.o.db.get(id).catch((err: { status?: number }) => {
        if (err.status === 404) return undefined;
        throw err;
      });
      const parsed = noticeDocSchema.safeParse(doc);
      if (!parsed.success) {
        due.delete(id);
        continue;
      }
      const n = parsed.data as NoticeDoc & { _rev: string };
      this.hint(due, id, n);
      if (n.status !== 'pending' || n.scope !== this.o.org) continue;
      if (Date.parse(n.nextAttemptAt) > now.getTime()) continue;
      // Only what this node wrote and signed leaves its outbox: a notice pushed in by anyone else is
      // never sent (looked at again only if it changes).
      if (!this.o.guard.signer.proved(n)) {
        due.delete(id);
        this.o.logger.warn({ id: n._id }, 'notice not signed by this node: not sent');
        continue;
      }
      // Nor one its own key signed that says what its case does not call for, or links elsewhere:
      // a stolen key's notice that reached the replica through an old hub or a restored backup.
      const refused = await this.refusal(n);
      if (refused) {
        due.delete(id);
        this.o.logger.warn({ id: n._id, reason: refused }, 'notice refused by the write rule: not sent');
        continue;
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
      await this.o.guard.put({ ...unsigned, author: this.actor, at: this.o.clock().toISOString() }).then(
        () => this.hint(due, id, next),
        (err: unknown) => this.o.logger.warn({ err }, 'notice status not saved'),
      );
    }
  }
}

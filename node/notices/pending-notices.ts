import { z } from 'zod';
import type { NoticeDoc } from '../../sync/index.js';
import { eachWithPrefix } from '../store/each-with-prefix.js';
import { followReplica, type FeedLog, type ReplicaFollower } from '../store/follow-replica.js';

const MARK_ID = '_local/notice-outbox-pending';
/** Feed positions the saved set may fall behind before it is saved again with nothing else changed. */
const RESAVE_AFTER = 10_000;

const markSchema = z.object({
  seq: z.number().int().min(0),
  due: z.array(z.tuple([z.string().startsWith('notice:'), z.number()])),
});

/**
 * The notices of this hall that may still be sent, each with when it is next due: taken from the
 * replica's feed (whoever wrote them) and from the outbox's own attempts, and saved in a `_local`
 * document with the feed position the set is whole at, so a restart reads what changed since
 * instead of every notice the hall ever sent. Only a hint: the outbox reads a due notice again
 * before sending it, so a stale entry costs one read.
 */
export class PendingNotices {
  private readonly due = new Map<string, number>();
  /** The last feed position taken into the set. */
  private seq = 0;
  private savedSeq = -1;
  private dirty = true;
  private markRev: string | undefined;
  private follower: ReplicaFollower | undefined;

  private constructor(
    private readonly db: PouchDB.Database,
    private readonly org: string,
    private readonly log: FeedLog,
  ) {}

  /** The saved set, followed on from where it was whole; without one, every notice (read in pages). */
  static async open(db: PouchDB.Database, org: string, log: FeedLog): Promise<PendingNotices> {
    const p = new PendingNotices(db, org, log);
    const saved = await db.get(MARK_ID).catch(() => undefined);
    p.markRev = saved?._rev;
    const mark = markSchema.safeParse(saved);
    const { update_seq } = await db.info();
    // A set saved ahead of the replica (a replica restored from an older copy) is not whole for it.
    if (mark.success && mark.data.seq <= Number(update_seq)) {
      for (const [id, at] of mark.data.due) p.due.set(id, at);
      p.follow(mark.data.seq);
      p.savedSeq = mark.data.seq;
      p.dirty = false;
      return p;
    }
    // Following before reading: a notice written during the read reaches the set through the feed.
    p.follow(Number(update_seq));
    try {
      await eachWithPrefix(db, 'notice:', (id, doc) => p.note(id, doc));
    } catch (err) {
      p.close();
      throw err;
    }
    return p;
  }

  /** Ids of the notices due by `now`, the earliest first. */
  dueBy(now: number): string[] {
    return [...this.due]
      .filter(([, at]) => at <= now)
      .sort((a, b) => a[1] - b[1])
      .map(([id]) => id);
  }

  /** Keeps `id` while `doc` is a pending notice of this hall, with when it is due next; forgets it otherwise. */
  note(id: string, doc: unknown): void {
    const n = doc as Partial<NoticeDoc> | undefined;
    const at =
      n?.status === 'pending' && n.scope === this.org && typeof n.nextAttemptAt === 'string'
        ? Date.parse(n.nextAttemptAt) || 0
        : undefined;
    if (this.due.get(id) === at) return;
    if (at === undefined) this.due.delete(id);
    else this.due.set(id, at);
    this.dirty = true;
  }

  /** Forgets a notice until it changes again (one this hall will not send as it stands). */
  drop(id: string): void {
    if (this.due.delete(id)) this.dirty = true;
  }

  /** Saves the set with the position it is whole at, when it changed or fell far behind the feed. */
  async save(): Promise<void> {
    if (!this.dirty && this.seq - this.savedSeq < RESAVE_AFTER) return;
    const seq = this.seq;
    this.dirty = false;
    try {
      const res = await this.db.put({ _id: MARK_ID, _rev: this.markRev, seq, due: [...this.due] });
      this.markRev = res.rev;
      this.savedSeq = seq;
    } catch (err) {
      this.dirty = true;
      // Written by another instance of this outbox in between: take its revision for the next save.
      if ((err as { status?: number }).status === 409)
        this.markRev = (await this.db.get(MARK_ID).catch(() => undefined))?._rev;
      else throw err;
    }
  }

  close(): void {
    this.follower?.cancel();
    this.follower = undefined;
  }

  private follow(since: number): void {
    this.seq = since;
    this.follower = followReplica(this.db, { since, what: 'notice outbox', log: this.log }, (ch) => {
      if (ch.id.startsWith('notice:')) this.note(ch.id, ch.deleted ? undefined : ch.doc);
      this.seq = Number(ch.seq);
    });
  }
}

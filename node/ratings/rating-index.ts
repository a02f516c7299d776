import { followUpDocSchema, ratingDocSchema, type FollowUpDoc, type RatingDoc } from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';
import { followReplica, type ReplicaFollower } from '../store/follow-replica.js';
import { pickRating } from './pick-rating.js';
import { trustedRating } from './trusted-rating.js';

type Stored = { _id: string; _rev?: string; _conflicts?: string[]; type?: string; kind?: string };

/**
 * Every rating and follow-up answer this node holds, in memory, resolved over conflicts the same
 * way on every node. Loaded at start, then kept current from the replica's changes feed (own
 * writes and what sync brings alike). Nothing here is served to anyone without supervision.view.
 * Only ratings signed by a node that may write them are taken (trustedRating).
 */
export class RatingIndex {
  private readonly ratings = new Map<string, RatingDoc>();
  private readonly answers = new Map<string, FollowUpDoc>();
  private feed: ReplicaFollower | undefined;

  constructor(
    private readonly db: PouchDB.Database,
    private readonly keys: SignerKeys,
    private readonly log: { warn(detail: object, msg: string): void } = { warn: () => undefined },
  ) {}

  async load(): Promise<void> {
    const info = await this.db.info();
    await this.readAll();
    this.feed = followReplica(
      this.db,
      { since: info.update_seq, conflicts: true, what: 'rating index', log: this.log },
      (ch) => {
        if (ch.deleted) this.drop(ch.id);
        else if (ch.doc)
          this.ingest(ch.doc as Stored).catch((err: unknown) =>
            this.log.warn({ err, id: ch.id }, 'rating change not indexed'),
          );
      },
    );
  }

  /**
   * Reads every rating again: call when a node's certificate arrives, since a rating replicated
   * before its signer's certificate was not taken then.
   */
  async recheck(): Promise<void> {
    await this.readAll();
  }

  private async readAll(): Promise<void> {
    const all = await this.db.allDocs({
      include_docs: true,
      conflicts: true,
      startkey: 'rating:',
      endkey: 'rating:\uffff',
    });
    for (const row of all.rows) if (row.doc) await this.ingest(row.doc as Stored);
  }

  /** Takes a rating or answer the node has just written, before the feed catches up. */
  put(doc: RatingDoc | FollowUpDoc): void {
    if (!trustedRating(doc, (id) => this.ratings.get(id)?.subject.hall, this.keys)) {
      this.log.warn({ id: doc._id }, 'rating not signed by a node that may write it: not taken');
      return;
    }
    if (doc.kind === 'rating') {
      const held = this.ratings.get(doc._id);
      this.ratings.set(doc._id, held ? pickRating([held, doc])! : doc);
    } else {
      const held = this.answers.get(doc.ratingId);
      if (!held || doc.answeredAt < held.answeredAt) this.answers.set(doc.ratingId, doc);
    }
  }

  /** The rating with this id (from `ratingDocId`), if any. */
  get(ratingId: string): RatingDoc | undefined {
    return this.ratings.get(ratingId);
  }

  /** The answer to a rating's follow-up, if given. */
  answerTo(ratingId: string): FollowUpDoc | undefined {
    return this.answers.get(ratingId);
  }

  /** Every rating held here. */
  values(): IterableIterator<RatingDoc> {
    return this.ratings.values();
  }

  get size(): number {
    return this.ratings.size;
  }

  close(): void {
    this.feed?.cancel();
  }

  private async ingest(doc: Stored): Promise<void> {
    if (doc.type !== 'rating') return;
    const revisions: unknown[] = [doc];
    if (doc._conflicts?.length) {
      const losers = await Promise.all(
        doc._conflicts.map((rev) => this.db.get(doc._id, { rev }).catch(() => undefined)),
      );
      revisions.push(...losers.filter(Boolean));
    }
    for (const rev of revisions) {
      const kind = (rev as Stored).kind;
      const parsed = kind === 'rating' ? ratingDocSchema.safeParse(rev) : followUpDocSchema.safeParse(rev);
      if (parsed.success) this.put(parsed.data);
    }
  }

  private drop(docId: string): void {
    this.ratings.delete(docId);
    for (const [ratingId, answer] of this.answers) if (answer._id === docId) this.answers.delete(ratingId);
  }
}

import {
  ancestryOf,
  mergeCase,
  ratingDocSchema,
  type CaseDoc,
  type Held,
  type HeldLeaf,
  type RatingDoc,
} from '../../sync/index.js';
import type { Store, StoredDoc } from '../store/store.js';
import type { VisibilityIndex } from '../visibility/visibility-index.js';

/** The revision ids (`3-abc`) a stored revision names as itself and its ancestors. */
export function ancestry(doc: StoredDoc): string[] {
  return doc._revisions ? ancestryOf(doc._revisions) : doc._rev ? [doc._rev] : [];
}

/**
 * What the hub holds under each id a `_bulk_docs` batch touches, as the batch goes: read from the
 * store once per id (only for ids the index knows), then updated in memory by every revision the
 * batch accepts, so a later document of the batch (a material following its case's new party, the
 * tombstone retiring a branch the merged revision keeps) is checked against what will be stored.
 */
export class WriteBatch {
  private readonly held = new Map<string, Held | undefined>();
  readonly accepted: StoredDoc[] = [];

  constructor(
    private readonly store: Store,
    private readonly index: VisibilityIndex,
  ) {}

  /** What is held under `id`: its leaves (bodies of the live ones) and every revision id known. */
  async heldOf(id: string): Promise<Held | undefined> {
    if (this.held.has(id)) return this.held.get(id);
    const found = this.index.known(id) ? await this.read(id) : undefined;
    this.held.set(id, found);
    return found;
  }

  /**
   * Whether revision `rev` of `id` is held already, stored or accepted earlier in this batch (as
   * the revision itself or an ancestor of one): the store keeps what it has and ignores it again.
   */
  async holds(id: string, rev: string): Promise<boolean> {
    return (await this.heldOf(id))?.knownRevs.has(rev) === true;
  }

  /**
   * Whether a node at `org` sees `id` (behind a balancer, once this instance has caught up with the
   * store's feed), or wrote it in this batch: what it cannot read it cannot write over either.
   */
  async seenBy(id: string, org: string): Promise<boolean> {
    if (this.accepted.some((d) => d._id === id)) return true;
    const [entry] = await this.index.visibleEntriesNow([{ id }], org);
    return entry !== undefined;
  }

  /** Records a revision as accepted: it replaces the leaves it descends from. */
  async accept(doc: StoredDoc): Promise<void> {
    this.accepted.push(doc);
    const current = await this.heldOf(doc._id);
    const revs = ancestry(doc);
    const replaced = new Set(revs.slice(1));
    const leaves: HeldLeaf[] = (current?.leaves ?? []).filter((l) => !replaced.has(l.rev));
    leaves.push({
      rev: String(doc._rev),
      deleted: doc._deleted === true,
      ...(doc._deleted === true ? {} : { body: doc }),
    });
    this.held.set(doc._id, { leaves, knownRevs: new Set([...(current?.knownRevs ?? []), ...revs]) });
  }

  /** The case under `docId` merged over its live leaves, as it will stand after this batch. */
  async caseDoc(docId: string): Promise<CaseDoc | undefined> {
    const live =
      (await this.heldOf(docId))?.leaves
        .filter((l) => !l.deleted && l.body?.type === 'case')
        .map((l) => l.body as unknown as CaseDoc) ?? [];
    return live.length ? mergeCase(live) : undefined;
  }

  /** The rating under `id`, as it will stand after this batch. */
  async rating(id: string): Promise<RatingDoc | undefined> {
    const body = (await this.heldOf(id))?.leaves.find((l) => !l.deleted)?.body;
    const r = ratingDocSchema.safeParse(body);
    return r.success ? r.data : undefined;
  }

  private async read(id: string): Promise<Held | undefined> {
    const leaves = (await this.store.openRevs(id, 'all', { revs: true })).flatMap((r) => ('ok' in r ? [r.ok] : []));
    if (leaves.length === 0) return undefined;
    return {
      leaves: leaves.map((d) => ({
        rev: String(d._rev),
        deleted: d._deleted === true,
        ...(d._deleted === true ? {} : { body: d }),
      })),
      knownRevs: new Set(leaves.flatMap(ancestry)),
    };
  }
}

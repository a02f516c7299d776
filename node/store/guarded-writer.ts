import { checkWrite, HallnetError, type Held, type WriteContext, type Writer } from '../../sync/index.js';
import type { NodeSigner } from '../../sync/node-only.js';
import { GroupCommit } from './group-commit.js';

/** Types whose every revision carries its writer's proof (cases carry signed events instead). */
const PROVEN: ReadonlySet<string> = new Set([
  'resident',
  'material',
  'notice',
  'rating',
  'revocation',
  'queue-summary',
  'matter-draft',
  'matter',
  'licence',
  'booking',
  'staff-change',
]);

type Doc = { _id: string; _rev?: string; type?: string } & Record<string, unknown>;

/**
 * Every document this node writes goes through here: it is signed (a proof, or signed events for
 * cases), then checked against the district's write rule as the hub will check it, and only then
 * stored. A write the hub would refuse is refused at once with the rule's reason
 * (ERR_WRITE_REFUSED), so a node never shows as done what the district will not accept.
 * Checked writes are stored by group commit: concurrent ones share one batch and one fsync.
 */
export class GuardedWriter {
  private readonly group: GroupCommit;

  constructor(
    private readonly db: PouchDB.Database,
    readonly signer: NodeSigner,
    readonly writer: Writer,
    readonly ctx: WriteContext,
  ) {
    this.group = new GroupCommit(db);
  }

  /**
   * Signs (where the type needs a proof), checks and stores one document. `read` when the caller
   * has read what the replica holds under its id already (`heldOf`; `held` undefined when nothing).
   */
  async put<T extends Doc>(doc: T, read?: { held: Held | undefined }): Promise<T & { _rev: string }> {
    const current = read ? read.held : await this.heldOf(doc._id);
    // Writing over a live document without naming its revision is a conflict, as PouchDB answers it;
    // found before signing, so a write that was done already costs no signature.
    if (!doc._rev && current?.leaves.some((l) => !l.deleted))
      throw Object.assign(new Error('Document update conflict'), { status: 409, name: 'conflict' });
    return this.write(doc, current);
  }

  /**
   * Signs, checks and stores a new document under an id this node has just made at random (a newly
   * accepted case): nothing can be held under it, so nothing is read first. Were anything live
   * there, the store would still refuse it (409), as it refuses any write that names no revision.
   */
  create<T extends Doc>(doc: T): Promise<T & { _rev: string }> {
    if (doc._rev) throw new Error(`create takes a new document, not a revision of ${doc._id}`);
    return this.write(doc, undefined);
  }

  /** Stores documents already signed and checked (`check`) in one batch, answering each one's result. */
  store(docs: readonly Doc[]): Promise<(PouchDB.Core.Response | PouchDB.Core.Error)[]> {
    return this.group.write(docs);
  }

  /** The document as this node signs it for writing (in one batch with the other writes of this moment). */
  async sign<T extends Doc>(doc: T): Promise<T> {
    return (PROVEN.has(String(doc.type)) ? await this.signer.proveInBatch(doc) : doc) as T;
  }

  /** Throws ERR_WRITE_REFUSED when the write rule refuses `doc` on top of `held`. */
  async check(doc: Doc, held: Held | undefined): Promise<void> {
    const decision = await checkWrite(this.writer, doc, held, this.ctx);
    if (!decision.ok) {
      throw new HallnetError('ERR_WRITE_REFUSED', decision.reason, {
        issues: [{ field: 'document', reason: `${decision.reason} / 不符合写入规则` }],
      });
    }
  }

  private async write<T extends Doc>(doc: T, current: Held | undefined): Promise<T & { _rev: string }> {
    const signed = await this.sign(doc);
    await this.check(signed, current);
    const res = await this.group.put(signed);
    return { ...signed, _rev: res.rev };
  }

  /** What the replica holds under `id`: its leaves with their bodies. */
  async heldOf(id: string): Promise<Held | undefined> {
    let leaves: { ok?: Record<string, unknown> }[];
    try {
      leaves = (await this.db.get(id, { open_revs: 'all' })) as unknown as { ok?: Record<string, unknown> }[];
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
    const found = leaves.flatMap((l) => (l.ok ? [l.ok] : []));
    if (found.length === 0) return undefined;
    return {
      leaves: found.map((b) => ({
        rev: String(b._rev),
        deleted: b._deleted === true,
        ...(b._deleted === true ? {} : { body: b }),
      })),
      knownRevs: new Set(found.map((b) => String(b._rev))),
    };
  }
}

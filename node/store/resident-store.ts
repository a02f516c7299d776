import {
  residentDocId,
  winningBody,
  residentDocSchema,
  type Actor,
  type Applicant,
  type IdType,
  type ResidentDoc,
} from '../../sync/index.js';
import type { GuardedWriter } from './guarded-writer.js';

/** Records remembered as last written or read, by id: enough for every applicant of a busy hall's day. */
const KNOWN_RECORDS = 10_000;

/**
 * 一表一库: the node's register of applicants, filled at acceptance and read to prefill the next
 * form. Only records this hall wrote and signed itself are read back: one planted by another
 * node (through an old hub, or a restored backup) prefills nothing.
 */
export class ResidentStore {
  /** Records being written in the background, by person: the latest applicant still to write, and the write under way. */
  private readonly pending = new Map<string, { latest?: Remembered; done: Promise<void> }>();
  /**
   * The applicant each record showed when this node last wrote or read it, oldest first: an
   * applicant noted again unchanged (several matters in one visit, an agent filing for a company)
   * costs no read. A read waits in PouchDB's queue between two group-committed writes, and the
   * next write waits for it. Any other applicant is read afresh before writing.
   */
  private readonly known = new Map<string, Applicant>();

  constructor(
    private readonly db: PouchDB.Database,
    private readonly org: string,
    private readonly guard: GuardedWriter,
    private readonly log: { warn(detail: object, msg: string): void },
  ) {}

  async find(idType: IdType, idNumber: string): Promise<Applicant | undefined> {
    // A record noted a moment ago is read back as noted.
    await this.pending.get(`${idType}:${idNumber}`)?.done;
    let raw: unknown;
    try {
      raw = await this.db.get<ResidentDoc>(await residentDocId(this.org, idType, idNumber));
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
    const doc = residentDocSchema.safeParse(raw);
    if (!doc.success || doc.data.scope !== this.org || !this.guard.signer.proved(raw as ResidentDoc)) return undefined;
    return doc.data.applicant;
  }

  /**
   * Records the applicant of a case just accepted, in the background: the case is what was
   * promised, the register only saves typing next time, so the acceptance neither waits for its
   * read and signed write nor fails with it (a failure is logged). Notes of one person that arrive
   * while his record is being written are folded into one write of the latest.
   */
  note(applicant: Applicant, actor: Actor, at: string): void {
    const key = `${applicant.idType}:${applicant.idNumber}`;
    const running = this.pending.get(key);
    if (running) {
      running.latest = { applicant, actor, at };
      return;
    }
    const entry: { latest?: Remembered; done: Promise<void> } = {
      latest: { applicant, actor, at },
      done: Promise.resolve(),
    };
    entry.done = (async () => {
      for (let next = entry.latest; next; next = entry.latest) {
        delete entry.latest;
        await this.remember(next.applicant, next.actor, next.at).catch((err: unknown) =>
          this.log.warn({ err }, 'resident register not updated'),
        );
      }
      this.pending.delete(key);
    })();
    this.pending.set(key, entry);
  }

  /** Resolves once every record noted so far is written (or its failure logged): before the replica closes. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending.values()].map((e) => e.done));
  }

  /** Records the applicant as given on the latest case; an unchanged record is not rewritten. */
  async remember(applicant: Applicant, actor: Actor, at: string): Promise<void> {
    const _id = await residentDocId(this.org, applicant.idType, applicant.idNumber);
    for (let attempt = 0; attempt < 3; attempt++) {
      const cached = this.known.get(_id);
      if (cached && sameApplicant(cached, applicant)) return;
      // One read of every leaf: the write rule checks the write against them, so it reads nothing again.
      const held = await this.guard.heldOf(_id);
      const prev = winningBody(held) as (ResidentDoc & { _rev: string }) | undefined;
      if (prev) this.keep(_id, prev.applicant);
      if (prev && sameApplicant(prev.applicant, applicant)) return;
      const doc: ResidentDoc = {
        _id,
        ...(prev ? { _rev: prev._rev } : {}),
        type: 'resident',
        scope: this.org,
        parties: [this.org],
        author: actor,
        at,
        applicant,
      };
      try {
        await this.guard.put(doc, { held });
        this.keep(_id, applicant);
        return;
      } catch (err) {
        this.known.delete(_id);
        if ((err as { status?: number }).status !== 409) throw err;
      }
    }
  }

  private keep(id: string, applicant: Applicant): void {
    this.known.delete(id);
    this.known.set(id, applicant);
    if (this.known.size > KNOWN_RECORDS) this.known.delete(this.known.keys().next().value!);
  }
}

/** One applicant to record, as `note` was given it. */
interface Remembered {
  applicant: Applicant;
  actor: Actor;
  at: string;
}

function sameApplicant(a: Applicant, b: Applicant): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.idType === b.idType &&
    a.idNumber === b.idNumber &&
    a.phone === b.phone &&
    a.contact === b.contact
  );
}

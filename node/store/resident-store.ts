import {
  residentDocId,
  residentDocSchema,
  type Actor,
  type Applicant,
  type IdType,
  type ResidentDoc,
} from '../../sync/index.js';
import type { GuardedWriter } from './guarded-writer.js';

/**
 * 一表一库: the node's register of applicants, filled at acceptance and read to prefill the next
 * form. Only records this hall wrote and signed itself are read back: one planted by another
 * node (through an old hub, or a restored backup) prefills nothing.
 */
export class ResidentStore {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly org: string,
    private readonly guard: GuardedWriter,
  ) {}

  async find(idType: IdType, idNumber: string): Promise<Applicant | undefined> {
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

  /** Records the applicant as given on the latest case; an unchanged record is not rewritten. */
  async remember(applicant: Applicant, actor: Actor, at: string): Promise<void> {
    const _id = await residentDocId(this.org, applicant.idType, applicant.idNumber);
    for (let attempt = 0; attempt < 3; attempt++) {
      let prev: (ResidentDoc & { _rev: string }) | undefined;
      try {
        prev = await this.db.get<ResidentDoc>(_id);
      } catch (err) {
        if ((err as { status?: number }).status !== 404) throw err;
      }
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
        await this.guard.put(doc);
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 409) throw err;
      }
    }
  }
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

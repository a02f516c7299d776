import { createHash } from 'node:crypto';
import type { Actor, Applicant, IdType, ResidentDoc } from '../../sync/index.js';

/**
 * The document id of a person or company in one hall's register: a hash, so ids in logs and URLs
 * reveal no ID number, and per hall, so two halls never write over each other's record.
 */
export function residentDocId(org: string, idType: IdType, idNumber: string): string {
  return `resident:${createHash('sha256').update(`${org}|${idType}:${idNumber}`).digest('hex').slice(0, 32)}`;
}

/** 一表一库: the node's register of applicants, filled at acceptance and read to prefill the next form. */
export class ResidentStore {
  constructor(private readonly db: PouchDB.Database, private readonly org: string) {}

  async find(idType: IdType, idNumber: string): Promise<Applicant | undefined> {
    try {
      const doc = await this.db.get<ResidentDoc>(residentDocId(this.org, idType, idNumber));
      return doc.applicant;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  }

  /** Records the applicant as given on the latest case; an unchanged record is not rewritten. */
  async remember(applicant: Applicant, actor: Actor, at: string): Promise<void> {
    const _id = residentDocId(this.org, applicant.idType, applicant.idNumber);
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
        await this.db.put(doc);
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 409) throw err;
      }
    }
  }
}

function sameApplicant(a: Applicant, b: Applicant): boolean {
  return a.kind === b.kind && a.name === b.name && a.idType === b.idType && a.idNumber === b.idNumber && a.phone === b.phone && a.contact === b.contact;
}

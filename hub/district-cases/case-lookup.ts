import { createHmac, randomBytes } from 'node:crypto';

/**
 * The hub's two small lookups over the district's cases: query code → case, and holder (a
 * person's or a company's ID) → the cases made out to it, for a resident's own cases and for a
 * holder's library (一表一库). Both come from a case's header, which never changes once
 * accepted (the write rule), so each case is taken once. ID numbers are personal data: they are
 * kept only as an HMAC under a key made at start and never written anywhere, so neither the
 * process's memory nor a log holds one in the clear.
 */
export class CaseLookup {
  private readonly byCode = new Map<string, string>();
  /** Owner key → one case id, or several (most residents have one or two cases). */
  private readonly byOwner = new Map<string, string | string[]>();
  private readonly taken = new Set<string>();
  private readonly key = new Uint8Array(randomBytes(32));

  /** Takes a case document's header; anything that is not one is ignored. */
  take(doc: { _id: string; type?: unknown; queryCode?: unknown; applicant?: unknown }): void {
    if (doc.type !== 'case' || this.taken.has(doc._id) || typeof doc.queryCode !== 'string') return;
    this.taken.add(doc._id);
    // A second case under the same code (about one in 10^14 draws) keeps the first: the code stays pointing at one case.
    if (!this.byCode.has(doc.queryCode)) this.byCode.set(doc.queryCode, doc._id);
    const a = doc.applicant as { kind?: unknown; idType?: unknown; idNumber?: unknown } | undefined;
    if (typeof a?.idType !== 'string' || typeof a.idNumber !== 'string') return;
    // A person's resident ID is keyed as before; other holders (companies, passports) by type and number.
    const key = this.ownerKey(
      a.kind === 'person' && a.idType === 'resident-id' ? a.idNumber : `${a.idType}:${a.idNumber}`,
    );
    const held = this.byOwner.get(key);
    this.byOwner.set(key, held === undefined ? doc._id : [...(typeof held === 'string' ? [held] : held), doc._id]);
  }

  /** Whether a case document has been taken (its header will not change). */
  has(docId: string): boolean {
    return this.taken.has(docId);
  }

  /** The case document id with this query code. */
  byQueryCode(code: string): string | undefined {
    return this.byCode.get(code);
  }

  /** The case document ids made out to this resident ID number. */
  casesOf(idNumber: string): string[] {
    return this.held(this.ownerKey(idNumber));
  }

  /** The case document ids made out to this holder, by ID type and number. */
  casesOfHolder(idType: string, idNumber: string): string[] {
    return idType === 'resident-id' ? this.casesOf(idNumber) : this.held(this.ownerKey(`${idType}:${idNumber}`));
  }

  /** Cases taken. */
  get size(): number {
    return this.taken.size;
  }

  private held(key: string): string[] {
    const held = this.byOwner.get(key);
    return held === undefined ? [] : typeof held === 'string' ? [held] : [...held];
  }

  private ownerKey(idNumber: string): string {
    return createHmac('sha256', this.key).update(idNumber).digest('base64url').slice(0, 22);
  }
}

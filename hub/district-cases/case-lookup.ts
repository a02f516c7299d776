import { createHmac, randomBytes } from 'node:crypto';

/**
 * The hub's two small lookups over the district's cases: query code → case, and holder (a
 * person's or a company's ID) → the cases made out to it, for a resident's own cases and for a
 * holder's library (一表一库). Both come from a case's header, which never changes once
 * accepted (the write rule), so each case is taken once. ID numbers are personal data: they are
 * kept only as an HMAC under a random key, so neither the process's memory, a log nor the
 * lookup's snapshot (which keeps the key beside the HMACs) holds one in the clear.
 */
export class CaseLookup {
  private readonly byCode = new Map<string, string>();
  /** Owner key → one case id, or several (most residents have one or two cases). */
  private readonly byOwner = new Map<string, string | string[]>();
  private readonly taken = new Set<string>();
  private key = new Uint8Array(randomBytes(32));

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
    this.own(key, doc._id);
  }

  private own(key: string, id: string): void {
    const held = this.byOwner.get(key);
    if (held === undefined) this.byOwner.set(key, id);
    else if (typeof held === 'string') this.byOwner.set(key, [held, id]);
    else held.push(id);
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

  /** Everything the lookup holds, for its snapshot: per case in the order taken, its code and owner key (HMACs, under the key saved with them). */
  data(): CaseLookupData {
    const codeOf = new Map<string, string>();
    for (const [code, id] of this.byCode) codeOf.set(id, code);
    const ownerOf = new Map<string, string>();
    for (const [owner, held] of this.byOwner)
      for (const id of typeof held === 'string' ? [held] : held) ownerOf.set(id, owner);
    const ids = [...this.taken];
    return {
      key: Buffer.from(this.key).toString('base64'),
      ids,
      codes: ids.map((id) => codeOf.get(id) ?? ''),
      owners: ids.map((id) => ownerOf.get(id) ?? ''),
    };
  }

  /** Replaces what the lookup holds with what `data()` gave (a snapshot read back), taking the cases again in their order. */
  load(data: CaseLookupData): void {
    this.key = new Uint8Array(Buffer.from(data.key, 'base64'));
    this.taken.clear();
    this.byCode.clear();
    this.byOwner.clear();
    data.ids.forEach((id, i) => {
      this.taken.add(id);
      const code = data.codes[i];
      if (code && !this.byCode.has(code)) this.byCode.set(code, id);
      const owner = data.owners[i];
      if (owner) this.own(owner, id);
    });
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

/** A CaseLookup's contents as plain data (`CaseLookup.data`, `CaseLookup.load`): three columns, one row per case in the order taken. */
export interface CaseLookupData {
  /** The HMAC key of the owner keys, base64. */
  key: string;
  ids: string[];
  /** The case's query code ('' for none kept). */
  codes: string[];
  /** The HMAC key of the case's holder ('' for none). */
  owners: string[];
}

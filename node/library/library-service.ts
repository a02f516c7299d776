import type { Logger } from 'pino';
import type { RawLibrary } from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';
import type { LicenceRegister } from '../licences/licence-register.js';
import type { CaseIndex } from '../store/case-index.js';
import type { CaseStore } from '../store/case-store.js';
import type { MaterialStore } from '../store/material-store.js';
import type { FetchedLibrary } from '../store/node-write-context.js';
import type { FetchLibrary, LibraryAsker } from './hub-library-client.js';
import { localRawLibrary } from './local-raw-library.js';
import type { ResidentLibrary } from './resident-library.js';
import { verifyLibrary, type Holder } from './verify-library.js';

/** How long what was verified from the hub stays usable for the write rule (an acceptance follows the lookup within minutes). */
const KEEP_MS = 30 * 60_000;
const MAX_KEPT = 20_000;

/**
 * 一表一库 across the district. A holder's library comes from the hub while it answers (every
 * hall's scans and licences of his), else — offline, or a node without a hub — from this hall's
 * replica alone, and the answer says which (`source`). Either way every item is verified here.
 * What came from the hub is kept a while, so the district's write rule can check a later case that
 * takes a material from it (the replica does not hold another hall's scans).
 */
export class LibraryService implements FetchedLibrary {
  private readonly kept = new Map<string, { doc: Record<string, unknown>; until: number }>();
  private readonly applicants = new Map<string, { holder: Holder; until: number }>();

  constructor(
    private readonly o: {
      fetch: FetchLibrary | undefined;
      index: CaseIndex;
      cases: CaseStore;
      materials: MaterialStore;
      keys: SignerKeys;
      register: LicenceRegister;
      clock: () => Date;
      logger: Logger;
    },
  ) {}

  /** The holder's library, from the whole district when the hub answers, else from this hall. */
  async of(holder: Holder, asker: LibraryAsker): Promise<ResidentLibrary> {
    const local = await localRawLibrary(holder, this.o);
    let raw = local;
    let source: ResidentLibrary['source'] = 'this-hall';
    if (this.o.fetch) {
      try {
        raw = merge(await this.o.fetch(holder, asker), local);
        source = 'district';
      } catch (err) {
        this.o.logger.warn({ err: String(err) }, 'library not fetched from the hub; answering from this hall');
      }
    }
    const now = this.o.clock();
    const verified = await verifyLibrary(raw, holder, this.o.keys, now, (n) => this.o.register.get(n));
    this.keep(verified.docs, verified.applicants, now.getTime());
    return { source, licences: verified.licences, materials: verified.materials };
  }

  doc(id: string): Record<string, unknown> | undefined {
    const hit = this.kept.get(id);
    return hit && hit.until > this.o.clock().getTime() ? hit.doc : undefined;
  }

  applicantOf(caseId: string): Holder | undefined {
    const hit = this.applicants.get(caseId);
    return hit && hit.until > this.o.clock().getTime() ? hit.holder : undefined;
  }

  private keep(docs: Map<string, Record<string, unknown>>, applicants: Map<string, Holder>, now: number): void {
    if (this.kept.size + docs.size > MAX_KEPT) this.kept.clear();
    if (this.applicants.size + applicants.size > MAX_KEPT) this.applicants.clear();
    for (const [id, doc] of docs) this.kept.set(id, { doc, until: now + KEEP_MS });
    for (const [id, holder] of applicants) this.applicants.set(id, { holder, until: now + KEEP_MS });
  }
}

/** The hub's answer with what only this replica holds yet (a case accepted here minutes ago). */
function merge(a: RawLibrary, b: RawLibrary): RawLibrary {
  const by = <T extends { _id: string }>(x: T[], y: T[]) => [...new Map([...x, ...y].map((d) => [d._id, d])).values()];
  return { cases: by(a.cases, b.cases), materials: by(a.materials, b.materials), licences: by(a.licences, b.licences) };
}

import { DEFAULT_WRITE_BOUNDS, ratingDocSchema, type WriteBounds, type WriteContext } from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';
import { readCase } from './read-case.js';
import type { ReferenceData } from './reference-data.js';

/**
 * What this node verified of an applicant's library fetched from the hub (licences and scans held
 * at other halls, and whose cases they came from): the rule checks a material taken without paper
 * against it when the replica does not hold the original.
 */
export interface FetchedLibrary {
  doc(id: string): Record<string, unknown> | undefined;
  applicantOf(caseId: string): { idType: string; idNumber: string } | undefined;
}

/** What the district's write rule looks up, answered from this node's replica (and what it fetched from the hub) and its reference data. */
export function nodeWriteContext(o: {
  db: PouchDB.Database;
  reference: ReferenceData;
  keys: SignerKeys;
  clock: () => Date;
  bounds?: WriteBounds;
  fetched?: FetchedLibrary;
}): WriteContext {
  return {
    get now() {
      return o.clock();
    },
    bounds: o.bounds ?? DEFAULT_WRITE_BOUNDS,
    matter: (code, version) =>
      version === undefined ? o.reference.catalogue.get(code) : o.reference.catalogue.version(code, version),
    caseDoc: async (docId) => (await readCase(o.db, docId))?.merged,
    doc: async (id) => (await o.db.get<Record<string, unknown>>(id).catch(() => undefined)) ?? o.fetched?.doc(id),
    applicantOf: async (caseId) =>
      (await readCase(o.db, `case:${caseId}`))?.merged.applicant ?? o.fetched?.applicantOf(caseId),
    rating: async (id) => {
      const doc = await o.db.get(id).catch(() => undefined);
      const r = ratingDocSchema.safeParse(doc);
      return r.success ? r.data : undefined;
    },
    grant: (id) => o.reference.grants.get(id),
    grantVerifies: (doc) => o.reference.grants.verifies(doc),
    orgName: (path) => o.reference.orgName(path),
    verify: (kid, input, sig) => o.keys.verify(kid, input, sig),
  };
}

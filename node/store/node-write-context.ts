import { DEFAULT_WRITE_BOUNDS, ratingDocSchema, type WriteBounds, type WriteContext } from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';
import { readCase } from './read-case.js';
import type { ReferenceData } from './reference-data.js';

/** What the district's write rule looks up, answered from this node's replica and reference data. */
export function nodeWriteContext(o: { db: PouchDB.Database; reference: ReferenceData; keys: SignerKeys; clock: () => Date; bounds?: WriteBounds }): WriteContext {
  return {
    get now() {
      return o.clock();
    },
    bounds: o.bounds ?? DEFAULT_WRITE_BOUNDS,
    matter: (code) => o.reference.catalogue.get(code),
    caseDoc: async (docId) => (await readCase(o.db, docId))?.merged,
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

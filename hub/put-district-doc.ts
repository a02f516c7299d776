import { HallnetError, type Envelope } from '../sync/index.js';
import type { Store, StoredDoc } from './store/store.js';

/** Writes a document the hub itself publishes for the district (JWKS, revocations), over whatever revision is there. */
export async function putDistrictDoc(store: Store, doc: Envelope): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await store.get(doc._id);
    const failures = await store.bulkDocs([{ ...doc, ...(current?._rev ? { _rev: current._rev } : {}) } as StoredDoc], {
      newEdits: true,
    });
    if (!failures.length) return;
    if (failures[0]!.error !== 'conflict')
      throw new HallnetError('ERR_INTERNAL', `could not write ${doc._id}: ${failures[0]!.reason}`);
  }
  throw new HallnetError('ERR_INTERNAL', `${doc._id} kept changing under the hub`);
}

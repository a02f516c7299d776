import { randomUUID } from 'node:crypto';
import { HallnetError } from '../../sync/index.js';
import type { Store } from './store.js';

const IDENTITY_DOC = 'hallnet-store-identity';

/**
 * A random id kept in the store itself (a `_local` document, made by the first hub to ask), so
 * whatever a hub caches about a store — its index snapshot — is never taken for another store's.
 * A database created again gets a new id. `_local` is last-writer-wins, so two hubs making it at
 * once read back whichever landed; the loser's cache is rebuilt once, nothing worse.
 */
export async function storeIdentity(store: Store): Promise<string> {
  const held = await store.getLocal(IDENTITY_DOC);
  if (typeof held?.id === 'string') return held.id;
  await store.putLocal(IDENTITY_DOC, { id: randomUUID() });
  const written = await store.getLocal(IDENTITY_DOC);
  if (typeof written?.id !== 'string')
    throw new HallnetError('ERR_INTERNAL', 'the store did not keep its identity document');
  return written.id;
}

import { join } from 'node:path';
import { createCouchStore } from '../store/couch-store.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store } from '../store/store.js';
import { startExpressPouch } from './express-pouch-server.js';

export type StoreKind = 'pouch' | 'couch';

/** Opens the same store again and again (a hub restart), and releases whatever backs it. */
export interface StoreFactory {
  kind: StoreKind;
  open(): Promise<Store>;
  close(): Promise<void>;
}

/** The embedded store in `dir`, or the nano adapter against an express-pouchdb server in `dir`. */
export async function storeFactory(kind: StoreKind, dir: string, name = 'hub'): Promise<StoreFactory> {
  if (kind === 'pouch') {
    return { kind, open: () => createPouchStore({ dir: join(dir, 'store'), name }), close: async () => undefined };
  }
  const couch = await startExpressPouch(join(dir, 'couch'));
  return { kind, open: () => createCouchStore({ url: couch.url, db: name }), close: () => couch.close() };
}

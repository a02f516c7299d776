import type PouchDB from 'pouchdb';
import type { GatewayOptions } from '../../hub/gateway/create-gateway.js';
import { openReplica } from '../../hub/testing/replica.js';
import { serveGateway, type ServedGateway } from '../../hub/testing/serve-gateway.js';
import { storeFactory, type StoreFactory } from '../../hub/testing/store-factory.js';
import type { Store } from '../../hub/store/store.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

/** A gateway over an embedded store, reached through a line the test can break, and one node's replica. */
export interface GatewayOnLine {
  store: Store;
  hub: ServedGateway;
  line: FaultProxy;
  replica: PouchDB.Database;
  /** Closes the replica, the line, the gateway and the store (stop the node's sync first). */
  close(): Promise<void>;
}

/** What tests of a node's live sync stand on: `replica` (named `name`) syncs with the gateway at `line.url`. */
export async function gatewayOnLine(
  dir: string,
  name: string,
  opts: Omit<GatewayOptions, 'store'>,
): Promise<GatewayOnLine> {
  const factory: StoreFactory = await storeFactory('pouch', dir);
  const store = await factory.open();
  const hub = await serveGateway({ store, ...opts });
  const line = await startFaultProxy(Number(new URL(hub.url).port));
  const replica = openReplica(dir, name);
  return {
    store,
    hub,
    line,
    replica,
    async close() {
      await replica.close();
      await line.close();
      await hub.close();
      await store.close();
      await factory.close();
    },
  };
}

import { closeServer, listen, type ServerTimeouts } from '../../sync/node-only.js';
import { createGateway, type Gateway, type GatewayOptions } from '../gateway/create-gateway.js';
import { hubWritePolicy } from '../gateway/hub-write-policy.js';
import { testReference } from './hub-fixtures.js';

/** A gateway listening on 127.0.0.1 and a free port, with its `/db` URL; `close` leaves the store open. */
export interface ServedGateway {
  url: string;
  dbUrl: string;
  gateway: Gateway;
  close(): Promise<void>;
}

/**
 * Serves a gateway over real HTTP for tests, as the hub does (`listen`, its timeouts unless the test
 * gives shorter ones), and waits until it has built its index. Unless the test gives its own, the
 * write rule knows the test catalogue (cases of an unknown matter are refused).
 */
export async function serveGateway(
  opts: Omit<GatewayOptions, 'mayWrite'> & Partial<Pick<GatewayOptions, 'mayWrite'>> & { timeouts?: ServerTimeouts },
): Promise<ServedGateway> {
  const { timeouts, ...gatewayOpts } = opts;
  const gateway = createGateway({ mayWrite: hubWritePolicy({ reference: testReference }), ...gatewayOpts });
  await gateway.index.ready;
  const { server, url } = await listen(gateway.fetch, '127.0.0.1', 0, timeouts);
  return {
    url,
    dbUrl: `${url}/db`,
    gateway,
    async close() {
      await gateway.close(); // ends held longpolls first
      await closeServer(server);
    },
  };
}

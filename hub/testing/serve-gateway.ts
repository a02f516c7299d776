import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
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
 * Serves a gateway over real HTTP for tests and waits until it has built its index. Unless the test
 * gives its own, the write rule knows the test catalogue (cases of an unknown matter are refused).
 */
export async function serveGateway(
  opts: Omit<GatewayOptions, 'mayWrite'> & Partial<Pick<GatewayOptions, 'mayWrite'>>,
): Promise<ServedGateway> {
  const gateway = createGateway({ mayWrite: hubWritePolicy({ reference: testReference }), ...opts });
  await gateway.index.ready;
  let server!: Server;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: gateway.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(info.port),
    ) as Server;
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    dbUrl: `${url}/db`,
    gateway,
    async close() {
      await gateway.close(); // ends held longpolls first
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

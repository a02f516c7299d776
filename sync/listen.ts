import type { Server } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { HallnetError } from './errors.js';

/** How long a server waits on its clients, in milliseconds. */
export interface ServerTimeouts {
  /** From a request's first byte to the end of its headers. */
  headersMs: number;
  /** From a request's first byte to the end of its body; the response is not timed. */
  requestMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveMs: number;
  /** How often Node looks for requests past `headersMs` or `requestMs`: a timeout fires up to this late. */
  checkEveryMs: number;
}

/**
 * Node's defaults wait a minute for headers and check for late requests only every 30 s. These
 * hold a caller to what an honest one needs, and check every 5 s.
 */
export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  // Headers are a few kilobytes, sent at once by every client; a slowloris trickles them.
  headersMs: 20_000,
  // Node's own five minutes, kept: a scan of 10 MB (the largest a material may be) arrives at
  // 0.3 Mbit/s, and PouchDB's replicator pushes batches far below the gateway's 64 MiB bound. A
  // longer limit would let a client that sends nothing hold its connection longer. Long-lived
  // `_changes` and event-stream responses are not cut: only the request is timed.
  requestMs: 300_000,
  // Longer than the 4 s an idle connection stays in undici's pool (the nodes' fetch), so the client
  // closes first and never sends on a connection the server is closing; short, so idle sockets go.
  keepAliveMs: 5_000,
  checkEveryMs: 5_000,
};

/** Serves `fetch` on host:port (0 picks a free port) and resolves once it listens, with its URL. */
export function listen(
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>,
  hostname: string,
  port: number,
  timeouts: ServerTimeouts = DEFAULT_SERVER_TIMEOUTS,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const serverOptions = {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
    };
    const server = serve({ fetch, hostname, port, serverOptions }, (info) => {
      const url = `http://${hostname}:${info.port}`;
      server.off('error', reject);
      // Once listening, a failing server socket leaves a process that serves nobody: beyond repair.
      server.on('error', (cause) => {
        throw new HallnetError('ERR_INVARIANT', `the server at ${url} failed`, { cause });
      });
      resolve({ server, url });
    });
    // Node 20's createServer takes no keep-alive option; the property is read per connection.
    (server as Server).keepAliveTimeout = timeouts.keepAliveMs;
    server.once('error', reject);
  });
}

/** Stops accepting, ends keep-alive and live connections (which would hold close() open), and waits. */
export async function closeServer(server: ServerType): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if ('closeAllConnections' in server) server.closeAllConnections();
  await closed;
}

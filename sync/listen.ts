import { serve, type ServerType } from '@hono/node-server';
import { HallnetError } from './errors.js';

/** Serves `fetch` on host:port (0 picks a free port) and resolves once it listens, with its URL. */
export function listen(
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>,
  hostname: string,
  port: number,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, (info) => {
      const url = `http://${hostname}:${info.port}`;
      server.off('error', reject);
      // Once listening, a failing server socket leaves a process that serves nobody: beyond repair.
      server.on('error', (cause) => {
        throw new HallnetError('ERR_INVARIANT', `the server at ${url} failed`, { cause });
      });
      resolve({ server, url });
    });
    server.once('error', reject);
  });
}

/** Stops accepting, ends keep-alive and live connections (which would hold close() open), and waits. */
export async function closeServer(server: ServerType): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if ('closeAllConnections' in server) server.closeAllConnections();
  await closed;
}

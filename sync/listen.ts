import { serve, type ServerType } from '@hono/node-server';

/** Serves `fetch` on host:port (0 picks a free port) and resolves once it listens, with its URL. */
export function listen(fetch: (req: Request, env?: unknown) => Response | Promise<Response>, hostname: string, port: number): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, (info) => resolve({ server, url: `http://${hostname}:${info.port}` }));
    server.once('error', reject);
  });
}

/** Stops accepting, ends keep-alive and live connections (which would hold close() open), and waits. */
export async function closeServer(server: ServerType): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  if ('closeAllConnections' in server) server.closeAllConnections();
  await closed;
}

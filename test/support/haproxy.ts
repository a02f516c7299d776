import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

export const HAPROXY_PATH = '/usr/sbin/haproxy';
export const INSTALL_HAPROXY = 'apt-get update && apt-get install -y --no-install-recommends haproxy';

/** Debian's HAProxy, or an error naming the command that installs it (npm test's pretest runs it when it can). */
export function findHaproxy(path = HAPROXY_PATH): string {
  if (!existsSync(path)) throw new Error(`HAProxy is not installed at ${path}; as root: ${INSTALL_HAPROXY}`);
  return path;
}

/** A running HAProxy in front of some hub instances. */
export interface Balancer {
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** A port free now on 127.0.0.1 (HAProxy cannot bind port 0 and tell us which it got). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The balancer a district runs in front of its hub instances (deploy/compose/haproxy.cfg is the
 * same configuration): round robin, each instance health-checked on `/healthz` (up, its visibility
 * index current) every second (a loaded hub has 5 s to answer) and
 * taken out after two failures; a request whose connection was refused goes to another instance;
 * the balancer's own errors are CouchDB-style JSON as the gateway's are.
 * Timeouts outlast the gateway's longpoll (`_changes?feed=longpoll` holds up to a minute).
 */
export function haproxyConfig(port: number, backends: { name: string; url: string }[]): string {
  const servers = backends.map((b) => `  server ${b.name} ${new URL(b.url).host} check`);
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  option redispatch',
    '  retries 3',
    '  retry-on conn-failure',
    '  timeout connect 2s',
    '  timeout client 90s',
    '  timeout server 90s',
    '  timeout http-request 10s',
    // A loaded hub may take seconds to answer its check; a dead one refuses the connection at once.
    '  timeout check 5s',
    // Its own errors in the gateway's language: PouchDB reads every answer as JSON, and retries these.
    ...[502, 503, 504].map(
      (code) =>
        `  http-error status ${code} content-type application/json string '{"error":"unavailable","reason":"no hub instance answered (${code} at the balancer)"}'`,
    ),
    'frontend hub',
    `  bind 127.0.0.1:${port}`,
    '  option forwardfor',
    '  default_backend hubs',
    'backend hubs',
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    `  http-check expect rstring "\\"indexed\\":true"`,
    '  default-server inter 1s fall 2 rise 1',
    ...servers,
    '',
  ].join('\n');
}

/** Starts HAProxy in the foreground (`-db`) in `dir`, on a free port, and resolves once it accepts connections. */
export async function startHaproxy(dir: string, backends: { name: string; url: string }[]): Promise<Balancer> {
  const bin = findHaproxy();
  const port = await freePort();
  const cfg = join(dir, `haproxy-${port}.cfg`);
  writeFileSync(cfg, haproxyConfig(port, backends));
  const child = spawn(bin, ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${err}`);
    if (Date.now() > deadline) throw new Error(`haproxy did not listen on ${port}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

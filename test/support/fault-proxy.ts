import { createServer, connect, type Server, type Socket } from 'node:net';

/** What the link does: carry bytes, reset every connection, or hold them open carrying nothing. */
export type LinkMode = 'pass' | 'reset' | 'hold';

/** A TCP proxy on 127.0.0.1 standing for a hall's line to the hub, which a test can cut. */
export interface FaultProxy {
  /** The proxy's own address, for the node's `HALLNET_HUB_URL`. */
  readonly url: string;
  readonly mode: LinkMode;
  /**
   * `reset`: every open connection is reset (RST) and new ones are reset on arrival, as a line that
   * drops; `hold`: connections stay open but carry nothing either way, as a line that hangs;
   * `pass`: held connections flow again and new ones are carried.
   */
  set(mode: LinkMode): void;
  /**
   * The connections open now go silent for good, as on a line that died without a reset: they
   * stay open and carry nothing, whatever the mode later; new connections follow the mode.
   */
  abandon(): void;
  /** Points the proxy at another port (the hub came back elsewhere); open connections are reset. */
  retarget(port: number): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket | undefined;
}

/** Starts a proxy from a free loopback port to `127.0.0.1:<targetPort>`. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let target = targetPort;
  let mode: LinkMode = 'pass';
  const pairs = new Set<Pair>();
  const abandoned = new Set<Pair>();

  const reset = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream?.resetAndDestroy();
  };
  const carry = (pair: Pair) => {
    const upstream = connect(target, '127.0.0.1');
    pair.upstream = upstream;
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    // A hub that answered and closed ends the line cleanly: `pipe` ends the node's side once every
    // byte is written. Resetting here threw away what was still buffered, cutting answers short.
    upstream.on('error', () => reset(pair)).on('close', (hadError) => (hadError ? reset(pair) : pairs.delete(pair)));
    if (mode === 'hold') hold(pair);
  };
  const hold = (pair: Pair) => {
    pair.client.pause();
    pair.upstream?.pause();
  };

  const server: Server = createServer((client) => {
    const pair: Pair = { client, upstream: undefined };
    client.on('error', () => reset(pair)).on('close', () => reset(pair));
    if (mode === 'reset') return void client.resetAndDestroy();
    pairs.add(pair);
    if (mode === 'hold') client.pause();
    else carry(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    set(next) {
      mode = next;
      for (const pair of [...pairs]) {
        if (next === 'reset') reset(pair);
        else if (next === 'hold') hold(pair);
        else if (!pair.upstream) carry(pair);
        else {
          pair.client.resume();
          pair.upstream.resume();
        }
      }
    },
    abandon() {
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        abandoned.add(pair);
        pair.client.unpipe();
        pair.upstream?.unpipe();
        pair.client.pause();
        // The hub's side goes away unheard: nothing, not even a reset, reaches the node.
        pair.upstream
          ?.removeAllListeners('close')
          .removeAllListeners('error')
          .on('error', () => undefined)
          .destroy();
      }
    },
    retarget(next) {
      target = next;
      for (const pair of [...pairs]) reset(pair);
    },
    async close() {
      for (const pair of [...pairs, ...abandoned]) reset(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { loadClient } from './load-client.js';

/** `concurrency` clients POST `body` to `path` until `count` answers `status` came back. */
export interface ClosedLoop {
  base: string;
  token: string;
  path: string;
  body: unknown;
  status: number;
  concurrency: number;
  count: number;
}

/** One POST of `body` to `path` every 1/`rate` s for `seconds`, whether the last was answered or not. */
export interface OpenLoop {
  base: string;
  token: string;
  path: string;
  body: unknown;
  status: number;
  rate: number;
  seconds: number;
}

/** Clerks at windows `w1`…: each calls the next ticket and finishes it until the line is empty. */
export interface ClerksServe {
  base: string;
  /** One token per window, in window order. */
  tokens: string[];
}

/** The loads a bench may run from a process of its own (`client-process.ts`), by name. */
export const loads = {
  /** Seconds until all `count` answers came back, and this load's own CPU per request (ms). */
  async closedLoop(l: ClosedLoop): Promise<{ seconds: number; clientCpuMs: number }> {
    const c = loadClient(l.base, l.token, l.concurrency);
    let sent = 0;
    const t = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: l.concurrency }, async () => {
        while (sent < l.count) {
          sent++;
          const res = await c.post(l.path, l.body);
          if (res.status !== l.status) throw new Error(`${l.path} answered ${res.status}: ${JSON.stringify(res.body)}`);
        }
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    c.close();
    return { seconds, clientCpuMs: (used.user + used.system) / 1000 / l.count };
  },

  /** Each request's latency in ms, in the order sent. */
  async openLoop(l: OpenLoop): Promise<{ latencies: number[] }> {
    const c = loadClient(l.base, l.token);
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < l.rate * l.seconds; i++) {
      const wait = start + (i * 1000) / l.rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        (async () => {
          const t = performance.now();
          const res = await c.post(l.path, l.body);
          if (res.status !== l.status) throw new Error(`${l.path} answered ${res.status}: ${JSON.stringify(res.body)}`);
          latencies[i] = performance.now() - t;
        })(),
      );
    }
    await Promise.all(pending);
    c.close();
    return { latencies };
  },

  /** How many tickets were called and finished, and in how many seconds. */
  async clerksServe(l: ClerksServe): Promise<{ calls: number; seconds: number }> {
    let calls = 0;
    const t = performance.now();
    await Promise.all(
      l.tokens.map(async (token, i) => {
        const clerk = loadClient(l.base, token, 1);
        const window = `/api/queue/windows/w${i + 1}`;
        try {
          for (;;) {
            const res = await clerk.post(`${window}/call`);
            if (res.status !== 200) throw new Error(`call failed: ${res.status} ${JSON.stringify(res.body)}`);
            if (!res.body.ticket) return;
            calls++;
            const done = await clerk.post(`${window}/finish`);
            if (done.status !== 200) throw new Error(`finish failed: ${done.status}`);
          }
        } finally {
          clerk.close();
        }
      }),
    );
    return { calls, seconds: (performance.now() - t) / 1000 };
  },
};

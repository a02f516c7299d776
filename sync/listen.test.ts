import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from './listen.js';

type Listening = Awaited<ReturnType<typeof listen>>;

const timeouts = { headersMs: 300, requestMs: 500, keepAliveMs: 200, checkEveryMs: 50 };

/** Sends `raw` on a fresh connection and resolves, when the server closes it, with what came back and when. */
function exchange(url: string, raw: string): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
  });
}

// Over real sockets: a slow client against the timeouts, and long answers that must outlive them.
describe('listen', () => {
  let served: Listening;
  beforeAll(async () => {
    served = await listen(
      async (req) => {
        const path = new URL(req.url).pathname;
        if (path === '/body') return new Response(`got ${(await req.text()).length}`);
        // A longpoll: the request is whole at once, the answer comes after requestMs.
        if (path === '/held') return new Promise((r) => setTimeout(() => r(new Response('held')), 1_200));
        // A continuous feed: a line every 100 ms for longer than requestMs.
        let n = 0;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            await new Promise((r) => setTimeout(r, 100));
            controller.enqueue(new TextEncoder().encode(`line ${n}\n`));
            if (++n === 12) controller.close();
          },
        });
        return new Response(body);
      },
      '127.0.0.1',
      0,
      timeouts,
    );
  });
  afterAll(() => closeServer(served.server));

  it('closes a connection whose announced body never comes', async () => {
    const { answer, ms } = await exchange(
      served.url,
      'POST /body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"docs":',
    );
    expect(ms).toBeGreaterThanOrEqual(timeouts.requestMs - 50);
    expect(ms).toBeLessThan(timeouts.requestMs + 1_000);
    expect(answer).not.toContain('got');
  });

  it('answers 408 to headers that never end', async () => {
    const { answer, ms } = await exchange(served.url, 'GET /body HTTP/1.1\r\nHost: x\r\n');
    expect(ms).toBeLessThan(timeouts.headersMs + 1_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('takes a body sent in time', async () => {
    const res = await fetch(`${served.url}/body`, { method: 'POST', body: 'x'.repeat(1000) });
    expect(await res.text()).toBe('got 1000');
  });

  it('does not time the response: a held answer and a stream outlive requestMs', async () => {
    const started = Date.now();
    const [held, stream] = await Promise.all([
      fetch(`${served.url}/held`).then((r) => r.text()),
      fetch(`${served.url}/stream`).then((r) => r.text()),
    ]);
    expect(Date.now() - started).toBeGreaterThan(timeouts.requestMs * 2);
    expect(held).toBe('held');
    expect(stream.trim().split('\n')).toHaveLength(12);
  });
});

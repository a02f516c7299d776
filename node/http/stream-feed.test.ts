import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorHandler } from '../../sync/index.js';
import { eventually } from '../../test/support/eventually.js';
import { sseClient } from '../../test/support/sse-client.js';
import type { FeedListener } from '../supervision/live-feed.js';
import { MAX_PENDING_WRITES, streamFeed } from './stream-feed.js';
import { StreamSlots } from './stream-slots.js';

// A feed the test drives: what the calling screen, the board and the rating devices are to streamFeed.
const listeners = new Set<FeedListener<{ kind: string; text: string }>>();
const emit = (text: string) => {
  for (const l of listeners) l.event({ kind: 'call', text });
};
const slots = new StreamSlots(3);
let server: Server;
let url: string;

beforeAll(async () => {
  const app = new Hono();
  app.onError(jsonErrorHandler());
  app.get('/stream', (c) =>
    streamFeed<{ kind: string; text: string }>(
      c,
      {
        snapshot: () => ({ at: 'now' }),
        subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
        name: (e) => e.kind,
      },
      slots,
    ),
  );
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (i: AddressInfo) => resolve(i.port)) as Server;
  });
  url = `http://127.0.0.1:${port}/stream`;
});

afterAll(
  () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
);

describe('live streams (SSE) open to anyone on the hall network', () => {
  it('holds at most `perAddress` open streams per address: the next is 429, a closed one frees its slot', async () => {
    const open = [await sseClient(url), await sseClient(url), await sseClient(url)];
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'ERR_RATE_LIMITED' } });
    open.pop()!.close();
    const again = await eventually(
      async () => {
        try {
          return await sseClient(url);
        } catch {
          return undefined;
        }
      },
      5_000,
      'a slot freed by the closed stream',
    );
    emit('A001');
    expect(JSON.parse((await again.next('call')).data)).toMatchObject({ text: 'A001' });
    for (const s of [...open, again]) s.close();
    await eventually(() => listeners.size === 0, 5_000, 'every subscription ended');
  });

  it('ends the stream of a caller that stops reading instead of holding every event for it, and frees its slot', async () => {
    const [host, port] = new URL(url).host.split(':');
    const socket = connect(Number(port), host);
    socket.write(`GET /stream HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n\r\n`);
    socket.pause(); // never reads: the kernel's buffers fill, then the node's writes wait
    await eventually(() => listeners.size === 1, 5_000, 'the stalled caller subscribed');
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < MAX_PENDING_WRITES * 4 && listeners.size > 0; i++) {
      emit(big);
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    await eventually(() => listeners.size === 0, 10_000, 'the stalled stream ended');
    const others = [await sseClient(url), await sseClient(url), await sseClient(url)];
    for (const s of others) s.close();
    socket.destroy();
  });
});

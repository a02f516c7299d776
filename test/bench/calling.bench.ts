import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { durableLeveldown } from '../../node/store/durable-leveldown.js';
import { client, type Client } from '../support/client.js';
import { sseClient } from '../support/sse-client.js';
import { startQueueApp } from '../support/start-queue-app.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const WINDOWS = 8;
const ALL_CATEGORIES = Array.from({ length: 15 }, (_, i) => i + 1);
/** Tickets in the default run and the kiosk's pace: 40 a second, below what eight windows serve, so nobody queues behind a busy window. */
const TICKETS = Number(process.env.BENCH_CALLING_TICKETS ?? 400);
const EVERY_MS = 25;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * From the kiosk to the calling screen: tickets are taken at the ticket machine at a steady pace
 * while eight clerks at eight windows call the moment their panel's feed says someone waits, and
 * finish at once; a calling screen on the live feed (SSE) notes when each number appears. Figures:
 * ticket → screen (issue request sent → its call on the screen) and call → screen (the clerk's call
 * sent → on the screen), p50/p95/p99. Baseline, in the same process: a bare HTTP server that makes
 * one durable PouchDB write per request and pushes it to an SSE listener — the least a
 * write-then-show path costs on this disk and loopback (our path makes two writes, issue and call).
 */
export async function runCallingBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-calling-');
  const app = await startQueueApp(join(dir.path, 'node'), 'dongcheng/jingshan', {
    clock: () => new Date(),
    notify: () => {},
    rules: { ticketsPerKioskPerMinute: 100_000, ticketsPerCategoryPerMinute: 100_000 },
  });
  const feeds: { close(): void }[] = [];
  try {
    const director = await app.token('boss', ['director']);
    const clerks: Client[] = [];
    for (let w = 1; w <= WINDOWS; w++) {
      const put = await fetch(`${app.url}/api/queue/windows/w${w}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${director}` },
        body: JSON.stringify({ name: `${w}号窗口`, categories: ALL_CATEGORIES }),
      });
      if (put.status !== 200) throw new Error(`window setup failed: ${put.status}`);
      const clerk = client(app.url, await app.token(`clerk${w}`));
      if ((await clerk.post(`/api/queue/windows/w${w}/open`)).status !== 200) throw new Error('open failed');
      clerks.push(clerk);
    }

    const issuedAt = new Map<string, number>();
    const calledAt = new Map<string, number>();
    const shownAt = new Map<string, number>();
    let shown = 0;
    let allShown: () => void = () => {};
    const done = new Promise<void>((r) => (allShown = r));
    const screen = await sseClient(`${app.url}/api/queue/screen/stream`, (e) => {
      if (e.event !== 'called') return;
      const { number } = JSON.parse(e.data) as { number: string };
      shownAt.set(number, performance.now());
      if (++shown === TICKETS) allShown();
    });
    feeds.push(screen);

    // The clerks' panels follow the same feed: an issued ticket wakes every idle clerk, who calls.
    let wake: () => void = () => {};
    let waiting = new Promise<void>((r) => (wake = r));
    const panel = await sseClient(`${app.url}/api/queue/screen/stream`, (e) => {
      if (e.event !== 'issued') return;
      wake();
      waiting = new Promise<void>((r) => (wake = r));
    });
    feeds.push(panel);
    let running = true;
    const windows = clerks.map(async (clerk, i) => {
      while (running) {
        const sent = performance.now();
        const res = await clerk.post(`/api/queue/windows/w${i + 1}/call`);
        if (res.status !== 200) throw new Error(`call failed: ${res.status} ${JSON.stringify(res.body)}`);
        const ticket = res.body.ticket as { number: string } | null;
        if (!ticket) {
          await Promise.race([waiting, sleep(200)]);
          continue;
        }
        // The screen may show it before this answer comes back: the call was sent at `sent`.
        calledAt.set(ticket.number, sent);
        if ((await clerk.post(`/api/queue/windows/w${i + 1}/finish`)).status !== 200) throw new Error('finish failed');
      }
    });

    const kiosk = client(app.url);
    const start = performance.now();
    for (let i = 0; i < TICKETS; i++) {
      const due = start + i * EVERY_MS;
      if (due > performance.now()) await sleep(due - performance.now());
      const sent = performance.now();
      const res = await kiosk.post('/api/queue/tickets', {
        via: 'phone',
        category: (i % 15) + 1,
        phone: `139${String(i).padStart(8, '0')}`,
      });
      if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${JSON.stringify(res.body)}`);
      issuedAt.set(res.body.number, sent);
    }
    await Promise.race([
      done,
      sleep(60_000).then(() => Promise.reject(new Error(`only ${shown} of ${TICKETS} calls reached the screen`))),
    ]);
    running = false;
    wake();
    await Promise.all(windows);

    // Latencies once everything is in: a screen may show a number before the kiosk's or the clerk's answer returned.
    const toScreen = [...shownAt].map(([n, at]) => at - issuedAt.get(n)!);
    const callToScreen = [...shownAt].map(([n, at]) => at - calledAt.get(n)!);
    if (toScreen.some(Number.isNaN) || callToScreen.some(Number.isNaN))
      throw new Error('a number on the screen was never issued or called');
    const baseline = await bareWriteAndPush(join(dir.path, 'bare'), TICKETS);
    report('calling.ticket_to_screen_p50', percentile(toScreen, 50), 'ms');
    report('calling.ticket_to_screen_p95', percentile(toScreen, 95), 'ms');
    report('calling.ticket_to_screen_p99', percentile(toScreen, 99), 'ms');
    report('calling.call_to_screen_p50', percentile(callToScreen, 50), 'ms');
    report('calling.call_to_screen_p95', percentile(callToScreen, 95), 'ms');
    report('calling.baseline_bare_write_and_push_p95', percentile(baseline, 95), 'ms');
    report('calling.ticket_to_screen_p95_vs_baseline', percentile(toScreen, 95) / percentile(baseline, 95), 'ratio');
    report('calling.windows', WINDOWS, 'windows');
    report('calling.tickets', TICKETS, 'tickets');
  } finally {
    for (const f of feeds) f.close();
    await app.close();
    dir.remove();
  }
}

/** Request → one durable write → an SSE line → the listener, `n` times at the kiosk's pace; the latencies in ms. */
async function bareWriteAndPush(path: string, n: number): Promise<number[]> {
  const db = new PouchDB(path, { db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  const listeners = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': hello\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', async () => {
      const { i } = JSON.parse(body) as { i: number };
      await db.put({ _id: `ticket:${i}`, state: 'called', at: new Date().toISOString() });
      for (const l of listeners) l.write(`event: called\ndata: ${JSON.stringify({ i })}\n\n`);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let seen = 0;
  let allSeen: () => void = () => {};
  const done = new Promise<void>((r) => (allSeen = r));
  const feed = await sseClient(url, (e) => {
    if (e.event !== 'called') return;
    const { i } = JSON.parse(e.data) as { i: number };
    latencies.push(performance.now() - sentAt.get(i)!);
    if (++seen === n) allSeen();
  });
  try {
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const due = start + i * EVERY_MS;
      if (due > performance.now()) await sleep(due - performance.now());
      sentAt.set(i, performance.now());
      await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ i }),
        headers: { 'content-type': 'application/json' },
      });
    }
    await done;
    return latencies;
  } finally {
    feed.close();
    for (const l of listeners) l.end();
    await new Promise<void>((r) => server.close(() => r()));
    await db.close();
  }
}

import { createServer, type Server, type Socket } from 'node:net';
import PouchDB from 'pouchdb';
import { afterEach, describe, expect, it } from 'vitest';
import { idleLimitedFetch, type NodeFetch } from './idle-limited-fetch.js';

const pouchFetch: NodeFetch = (url, init) => PouchDB.fetch(url, init);
const servers: Server[] = [];

/** A raw HTTP server answering each request with what `answer` writes on the socket. */
async function rawServer(answer: (socket: Socket) => void): Promise<string> {
  const server = createServer((socket) => socket.once('data', () => answer(socket)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/db/_bulk_get`;
}

/** What a body read comes to within `ms`: its text, its failure, or still nothing. */
function settle(res: Response, ms: number): Promise<string> {
  return Promise.race([
    res.text().then(
      (text) => `text ${text}`,
      (err: Error) => `failed ${err.message}`,
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve('pending'), ms)),
  ]);
}

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describe('idleLimitedFetch', () => {
  // The hub's JSON answers carry a length. A line that ends cleanly in the middle of one (the hub
  // killed while answering, a proxy passing on its close) leaves PouchDB's fetch waiting for the
  // rest forever: the replication that asked never moves again.
  const cutShort = (socket: Socket) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"results":[');
    setTimeout(() => socket.end(), 100);
  };

  it("ends an answer cut short by a clean close, which PouchDB's own fetch waits for forever", async () => {
    const url = await rawServer(cutShort);
    expect(await settle(await pouchFetch(url), 1_500)).toBe('pending');
    const limited = idleLimitedFetch(pouchFetch, { idleMs: 500 });
    expect(await settle(await limited(url), 3_000)).toMatch(/^failed .*nothing arrived from the hub for 500 ms/);
  });

  it('ends a request the hub never answers', async () => {
    const url = await rawServer(() => undefined);
    const limited = idleLimitedFetch(pouchFetch, { idleMs: 300 });
    await expect(limited(url, { method: 'POST', body: '{}' })).rejects.toThrow(/nothing arrived from the hub/);
  });

  it('lets an answer that keeps arriving take as long as it takes', async () => {
    const url = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n');
      let sent = 0;
      const beat = setInterval(() => {
        if (++sent <= 8) return void socket.write('1\r\n.\r\n');
        clearInterval(beat);
        socket.end('0\r\n\r\n');
      }, 150);
    });
    const limited = idleLimitedFetch(pouchFetch, { idleMs: 400 });
    expect(await settle(await limited(url), 5_000)).toBe('text ........');
  });

  it('gives up an answer stopped halfway after the shorter wait between chunks, however long its start may take', async () => {
    const url = await rawServer((socket) =>
      setTimeout(
        () =>
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"results":['),
        600,
      ),
    );
    const limited = idleLimitedFetch(pouchFetch, { idleMs: 10_000, bodyIdleMs: 300 });
    const res = await limited(url, { method: 'POST', body: '{}' }); // its start, 600 ms on, within the longer wait
    expect(await settle(res, 5_000)).toMatch(/^failed .*nothing arrived from the hub for 300 ms/);
  });

  it("keeps the longer wait for an answer without a length: a longpoll's heartbeats", async () => {
    const url = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n');
      let sent = 0;
      const beat = setInterval(() => {
        if (++sent <= 3) return void socket.write('1\r\n.\r\n');
        clearInterval(beat);
        socket.end('0\r\n\r\n');
      }, 500);
    });
    const limited = idleLimitedFetch(pouchFetch, { idleMs: 2_000, bodyIdleMs: 300 });
    expect(await settle(await limited(url), 5_000)).toBe('text ...');
  });

  it('still ends when the caller cancels', async () => {
    const url = await rawServer(() => undefined);
    const cancel = new AbortController();
    const pending = idleLimitedFetch(pouchFetch, { idleMs: 10_000 })(url, { signal: cancel.signal });
    cancel.abort();
    await expect(pending).rejects.toThrow();
  });
});

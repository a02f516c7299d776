import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { FeedListener } from '../supervision/live-feed.js';

const KEEPALIVE_MS = 15_000;

/** What a live screen's stream sends: a snapshot first, then each event under its own name. */
export interface StreamSource<E> {
  snapshot(): unknown;
  subscribe(listener: FeedListener<E>): () => void;
  /** The SSE event name of an event. */
  name(e: E): string;
  /** The SSE id of an event, where the feed numbers them. */
  id?(e: E): string;
}

/**
 * Serves a live feed as Server-Sent Events: `snapshot` at once (and on every reconnect), then
 * each event in order, with a keepalive comment so proxies keep an idle stream open.
 */
export function streamFeed<E>(c: Context, source: StreamSource<E>): Response {
  return streamSSE(c, async function feedStream(stream) {
    let end!: () => void;
    const ended = new Promise<void>((r) => (end = r));
    // One write at a time, in order: events can arrive while the previous one is being written.
    let writing = Promise.resolve();
    const write = (w: () => Promise<unknown>) => {
      writing = writing.then(w).then(() => undefined, end);
    };
    const stop = source.subscribe({
      event: (e) =>
        write(() =>
          stream.writeSSE({
            event: source.name(e),
            ...(source.id ? { id: source.id(e) } : {}),
            data: JSON.stringify(e),
          }),
        ),
      end: () => end(),
    });
    stream.onAbort(() => end());
    c.req.raw.signal.addEventListener('abort', () => end());
    write(() => stream.writeSSE({ event: 'snapshot', data: JSON.stringify(source.snapshot()), retry: 3000 }));
    const keepalive = setInterval(() => write(() => stream.write(': keepalive\n\n')), KEEPALIVE_MS);
    try {
      await ended;
    } finally {
      clearInterval(keepalive);
      stop();
    }
  });
}

import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { nodeClientAddress } from '../../identity/adapter/node/index.js';
import type { FeedListener } from '../supervision/live-feed.js';
import type { StreamSlots } from './stream-slots.js';

const KEEPALIVE_MS = 15_000;
/**
 * Writes a stream may have waiting on a caller that does not read: past it the stream ends, and the
 * browser's EventSource reconnects to a fresh snapshot, instead of the node holding every event for it.
 */
export const MAX_PENDING_WRITES = 500;

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
 * each event in order, with a keepalive comment so proxies keep an idle stream open. Each stream
 * holds one of its caller's `slots` while it is open.
 */
export function streamFeed<E>(c: Context, source: StreamSource<E>, slots: StreamSlots): Response {
  const release = slots.take(nodeClientAddress(c));
  return streamSSE(c, async function feedStream(stream) {
    let end!: () => void;
    const ended = new Promise<void>((r) => (end = r));
    // One write at a time, in order: events can arrive while the previous one is being written.
    let writing = Promise.resolve();
    let pending = 0;
    const write = (w: () => Promise<unknown>) => {
      if (++pending > MAX_PENDING_WRITES) return end();
      writing = writing
        .then(w)
        .then(() => undefined, end)
        .finally(() => pending--);
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
      release();
      // A caller that stopped reading leaves writes waiting for ever: abort the stream under them.
      if (pending > 0) stream.abort();
    }
  });
}

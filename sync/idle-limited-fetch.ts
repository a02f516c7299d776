import { Transform, pipeline, type Readable } from 'node:stream';

/** The fetch PouchDB is given for a remote database (node-fetch's, whose bodies are Node streams). */
export type NodeFetch = (url: string | Request, init?: RequestInit) => Promise<Response>;

/** How long a request may go without anything arriving. */
export interface IdleLimit {
  /** Longest wait for the answer to start, and between two chunks of it. */
  idleMs: number;
  /**
   * Longest wait between two chunks of an answer with a length (one sent whole, not a longpoll's
   * stream of heartbeats), when shorter than `idleMs`: such an answer cut short by a clean close
   * is otherwise waited for to the full idle limit.
   */
  bodyIdleMs?: number;
  /** The slowest line a request body is allowed to take to send: its size adds to the wait for the answer to start (default 16 KB/s). */
  minBytesPerSecond?: number;
  /** Told of each request going out, of each sign of life on it (its answer starting, a chunk) and of its end. */
  watch?: RequestWatch;
}

/** Who follows the requests under way and what arrives on them (HubSync's silence watch). */
export interface RequestWatch {
  sent(): void;
  heard(): void;
  ended(): void;
}

/**
 * Wraps `fetch` so that a request on which nothing arrives for `idleMs` (once its body had time to
 * go out) is aborted. PouchDB waits for each request to the hub forever: an answer the hub never
 * sends — a line that died without a reset, a request the hub lost — would stall a live
 * replication for good while it reports itself idle. Aborted, the request fails, and the
 * replication retries from its checkpoint on a new connection. A long answer that keeps arriving
 * (a large attachment, a longpoll's heartbeats) is never cut.
 */
export function idleLimitedFetch(fetch: NodeFetch, limit: IdleLimit): NodeFetch {
  const bytesPerSecond = limit.minBytesPerSecond ?? 16 * 1024;
  return async (url, init = {}) => {
    const stop = new AbortController();
    // The caller's own cancel (PouchDB cancelling its changes feed) still ends the request.
    const outer = init.signal;
    const forward = () => stop.abort(outer?.reason);
    if (outer?.aborted) forward();
    outer?.addEventListener('abort', forward, { once: true });
    let timer: NodeJS.Timeout | undefined;
    let watched: Transform | undefined;
    let idle: Error | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idle = new Error(`nothing arrived from the hub for ${Math.round(ms)} ms`);
        watched?.destroy(idle);
        stop.abort(idle);
      }, ms);
      timer.unref();
    };
    const watch = limit.watch;
    watch?.sent();
    const done = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
      watch?.ended();
    };
    arm(limit.idleMs + (bodySize(init.body) / bytesPerSecond) * 1000);
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: stop.signal });
    } catch (err) {
      done();
      throw idle ?? err;
    }
    watch?.heard();
    const body = res.body as unknown as Readable | null;
    if (!body || typeof body.pipe !== 'function') {
      done();
      return res;
    }
    const between = res.headers.has('content-length') ? (limit.bodyIdleMs ?? limit.idleMs) : limit.idleMs;
    arm(between);
    // Each chunk re-arms the wait; when it runs out, the body fails and so does its reader.
    watched = new Transform({
      transform(chunk, _encoding, next) {
        arm(between);
        watch?.heard();
        next(null, chunk);
      },
    });
    pipeline(body, watched, done);
    const Answer = res.constructor as new (body: Readable, init: ResponseInit & { url: string }) => Response;
    return new Answer(watched, { status: res.status, statusText: res.statusText, headers: res.headers, url: res.url });
  };
}

function bodySize(body: RequestInit['body']): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength;
  return 0;
}

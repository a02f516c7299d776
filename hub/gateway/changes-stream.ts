import type { GatewayDeps } from './gateway-types.js';

const PAGE = 10_000;
const encoder = new TextEncoder();

/** What a streamed `_changes` answer needs: whose feed, from where, and how long to wait. */
export interface ChangesStream {
  org: string;
  after: number;
  style: 'all_docs' | 'main_only';
  /** Continuous: end after this long with nothing new. */
  timeoutMs: number;
  /** Newline this often while waiting, if set. */
  beatMs: number | undefined;
  signal: AbortSignal;
}

/**
 * `feed=normal` without `limit`, as Apache CouchDB's replicator asks in a one-shot replication:
 * every visible change in one answer (it reads until the feed ends), written a page at a time.
 */
export function allChangesBody(
  deps: GatewayDeps,
  s: Pick<ChangesStream, 'org' | 'after' | 'style'>,
): ReadableStream<Uint8Array> {
  let after = s.after;
  let first = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const page = deps.index.page(s.org, after, PAGE, s.style);
      const rows = page.results.map((r) => JSON.stringify(r)).join(',');
      const head = first ? '{"results":[' : rows && ',';
      first = false;
      if (page.results.length === PAGE) {
        controller.enqueue(encoder.encode(head + rows));
        after = page.next;
        return;
      }
      controller.enqueue(encoder.encode(`${head}${rows}],"last_seq":${JSON.stringify(page.lastSeq)},"pending":0}`));
      controller.close();
    },
  });
}

/**
 * `feed=continuous`, as Apache CouchDB's replicator follows a source: one change per line,
 * newlines as heartbeats, and after `timeoutMs` with nothing new a closing `{"last_seq":…}`
 * line, from which the replicator reconnects.
 */
export function continuousChangesBody(deps: GatewayDeps, s: ChangesStream): ReadableStream<Uint8Array> {
  let open = true;
  const release = deps.connections.longpollOpened();
  let beat: NodeJS.Timeout | undefined;
  const finish = () => {
    if (!open) return;
    open = false;
    clearInterval(beat);
    release();
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => open && controller.enqueue(encoder.encode(text));
      if (s.beatMs !== undefined) beat = setInterval(() => send('\n'), s.beatMs);
      let after = s.after;
      let lastSeq = '';
      try {
        for (;;) {
          const page = deps.index.page(s.org, after, PAGE, s.style);
          for (const row of page.results) send(`${JSON.stringify(row)}\n`);
          lastSeq = page.lastSeq;
          after = page.next;
          if (page.results.length === PAGE) continue;
          if (!open || !(await deps.index.waitForVisible(s.org, after, { timeoutMs: s.timeoutMs, signal: s.signal })))
            break;
        }
        send(`${JSON.stringify({ last_seq: lastSeq, pending: 0 })}\n`);
      } catch (err) {
        deps.logger.warn({ err }, 'continuous _changes failed');
      }
      if (open) controller.close();
      finish();
    },
    cancel: finish,
  });
}

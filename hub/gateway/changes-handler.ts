import type { Context } from 'hono';
import { z } from 'zod';
import { HallnetError, parseOrThrow } from '../../sync/index.js';
import { allChangesBody, continuousChangesBody } from './changes-stream.js';
import type { GatewayDeps, GatewayEnv } from './gateway-types.js';
import { boolParam, intParam } from './couch-params.js';

/** Apache CouchDB's replicator sends `since` JSON-encoded (`"12.ab….34"`, with the quotes); PouchDB sends it bare. */
const sinceParam = z
  .string()
  .max(2100)
  .transform((s) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s));

const changesQuery = z.object({
  since: sinceParam.default('0'),
  limit: intParam.optional(),
  feed: z.enum(['normal', 'longpoll', 'continuous']).default('normal'),
  heartbeat: z.union([z.literal('true'), intParam]).optional(),
  timeout: intParam.optional(),
  style: z.enum(['main_only', 'all_docs']).default('main_only'),
  include_docs: boolParam.optional(),
  descending: boolParam.optional(),
  conflicts: boolParam.optional(),
});

/** What the index cannot answer; refusing beats silently ignoring a filter and leaking nothing-filtered rows. */
const UNSUPPORTED = ['filter', 'doc_ids', 'selector', 'view'] as const;

/** Larger pages are cut; a cut page is still full, so PouchDB asks for the rest. */
const MAX_PAGE = 10_000;
const NEWLINE = new TextEncoder().encode('\n');

/**
 * `GET /db/_changes`: the node's visible changes from the visibility index, normal or
 * `feed=longpoll`. A longpoll with nothing to send holds the request, writing a newline every
 * `heartbeat` ms (leading whitespace is still valid JSON), until something visible arrives or
 * the wait ends, then answers the page. For Apache CouchDB's replicator also `feed=continuous`,
 * a normal feed without `limit` (everything), and `limit=0` (only `pending`).
 */
export function changesHandler(deps: GatewayDeps) {
  return async function changes(c: Context<GatewayEnv>) {
    const raw = c.req.query();
    for (const p of UNSUPPORTED) {
      if (raw[p] !== undefined) throw new HallnetError('ERR_VALIDATION', `_changes ${p} is not supported by the hub`);
    }
    const q = parseOrThrow(changesQuery, raw, { where: 'query' });
    if (q.include_docs || q.descending || q.conflicts) {
      throw new HallnetError(
        'ERR_VALIDATION',
        '_changes supports only since, limit, style, feed=longpoll, heartbeat, timeout',
      );
    }
    const { org } = c.get('node');
    const { index } = deps;
    // A normal feed catches up first (a read of the store's feed): writes made around this
    // gateway (the compactor, another instance) are then in its one answer. A longpoll or
    // continuous feed does not: what the index has not applied yet wakes it as soon as the
    // follower applies it, and a live hall's every wake-up was paying that read.
    if (q.feed === 'normal')
      await index
        .refresh()
        .catch((err: unknown) =>
          deps.logger.warn({ err }, 'serving _changes from an index the store could not refresh'),
        );
    const after = await index.resolveSince(q.since);
    const timeoutMs = Math.min(q.timeout ?? deps.longpollMaxMs, deps.longpollMaxMs);
    const beatMs =
      q.heartbeat === undefined
        ? undefined
        : Math.min(Math.max(q.heartbeat === 'true' ? 60_000 : q.heartbeat, 100), 60_000);
    if (q.limit === 0) return c.json({ results: [], last_seq: q.since, pending: index.pending(org, after) });
    const stream = { org, after, style: q.style };
    if (q.feed === 'normal' && q.limit === undefined)
      return c.body(allChangesBody(deps, stream), 200, { 'content-type': 'application/json' });
    if (q.feed === 'continuous') {
      const signal = c.req.raw.signal;
      return c.body(continuousChangesBody(deps, { ...stream, timeoutMs, beatMs, signal }), 200, {
        'content-type': 'application/json',
      });
    }
    const limit = Math.min(Math.max(q.limit ?? MAX_PAGE, 1), MAX_PAGE);
    const page = () => {
      const p = index.page(org, after, limit, q.style);
      return { results: p.results, last_seq: p.lastSeq, pending: p.pending };
    };
    const first = page();
    if (q.feed === 'normal' || first.results.length > 0) return c.json(first);

    const stop = new AbortController();
    c.req.raw.signal.addEventListener('abort', () => stop.abort(), { once: true });
    let open = true;
    const release = deps.connections.longpollOpened();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (chunk: Uint8Array) => open && controller.enqueue(chunk);
        const beat = beatMs === undefined ? undefined : setInterval(() => send(NEWLINE), beatMs);
        void index
          .waitForVisible(org, after, { timeoutMs, signal: stop.signal })
          .then(() => send(new TextEncoder().encode(JSON.stringify(page()))))
          .catch((err: unknown) => deps.logger.warn({ err }, 'longpoll _changes failed'))
          .finally(() => {
            release();
            clearInterval(beat);
            if (open) controller.close();
            open = false;
          });
      },
      cancel() {
        release();
        open = false; // the node went away
        stop.abort();
      },
    });
    return c.body(body, 200, { 'content-type': 'application/json' });
  };
}

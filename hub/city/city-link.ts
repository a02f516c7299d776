import type { Logger } from 'pino';
import { retryDelay, sleepUnlessAborted } from '../../sync/index.js';
import type { Store, StoredDoc } from '../store/store.js';
import { comesDown, goesUp, upOrder } from './districts-of.js';

/** What the district hub shows about its link to the city hub. */
export interface CityLinkStatus {
  connected: boolean;
  /** When the link last failed, while it is down. */
  offlineSince: string | undefined;
  lastError: string | undefined;
  /** Revisions sent to the city and taken from it since start. */
  pushed: number;
  pulled: number;
  /** Documents the city refused (per-document `forbidden`), newest last, at most 100. */
  refused: { id: string; reason: string }[];
}

export interface CityLinkOptions {
  /** The district's store, read for what crosses. */
  store: Store;
  /** Where what comes down from the city is written (the hub's audited writer `city`). */
  writer: Store;
  district: string;
  /** The city hub's address (its gateway database is `/db`). */
  cityUrl: string;
  /** A fresh node token for the city: signed by the district hub's key, with its certificate from the city CA. */
  token: () => Promise<string>;
  logger: Logger;
  clock?: () => Date;
  /** Revisions per request (default 100). */
  batchSize?: number;
  /** Longest a pull waits at the city for news (default 10 s). */
  longpollMs?: number;
}

/** The running link; `stop` ends both directions and waits for them. */
export interface CityLink {
  status(): CityLinkStatus;
  stop(): Promise<void>;
}

const PUSH_CHECKPOINT = 'hallnet-city-push';
const PULL_CHECKPOINT = 'hallnet-city-pull';
const MAX_REFUSED = 100;

/**
 * The district hub's live replication with the city hub (跨区通办), over the same replication
 * protocol and gateway a hall uses with its district hub. Up: cases and materials that involve
 * this district and another (with the case branches its compactor retired), and its halls'
 * certificates (`goesUp`), every leaf the city lacks.
 * Down: whatever the city's visibility index shows this district, keeping what `comesDown` names
 * (its cross-district casework, the city catalogue, other districts' certificates); they are
 * written into the district's store through the audited writer, and the district's own index hands
 * them to its halls. Checkpoints live in the store (`_local`), so a restart or another hub instance
 * resumes where the link stood; a city out of reach is retried with short backoff and the district
 * keeps working meanwhile.
 */
export function startCityLink(opts: CityLinkOptions): CityLink {
  const stopping = new AbortController();
  const batch = opts.batchSize ?? 100;
  const longpollMs = opts.longpollMs ?? 10_000;
  const clock = opts.clock ?? (() => new Date());
  const db = `${opts.cityUrl.replace(/\/$/, '')}/db`;
  const state: CityLinkStatus = {
    connected: false,
    offlineSince: undefined,
    lastError: undefined,
    pushed: 0,
    pulled: 0,
    refused: [],
  };

  const call = async (path: string, init: RequestInit & { waitMs?: number } = {}) => {
    // Each request ends with the link, or when nothing came back in time (a line that hangs).
    const ac = new AbortController();
    const abort = () => ac.abort();
    stopping.signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, (init.waitMs ?? 0) + 30_000);
    try {
      const res = await fetch(`${db}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${await opts.token()}`, 'content-type': 'application/json' },
        signal: ac.signal,
      });
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`city ${res.status}: ${String(body.error)} ${String(body.reason ?? '')}`);
      return body;
    } finally {
      clearTimeout(timer);
      stopping.signal.removeEventListener('abort', abort);
    }
  };
  const post = (path: string, body: unknown) => call(path, { method: 'POST', body: JSON.stringify(body) });

  async function pushOnce(since: string): Promise<string> {
    const page = await opts.store.changes({ since, limit: batch, includeDocs: true });
    if (page.results.length === 0) {
      await opts.store.waitForChange(since, { timeoutMs: longpollMs, signal: stopping.signal });
      return since;
    }
    const offer: Record<string, string[]> = {};
    for (const row of page.results)
      if (row.doc && goesUp(row.doc, opts.district)) offer[row.id] = row.changes.map((c) => c.rev);
    if (Object.keys(offer).length > 0) {
      const diff = (await post('/_revs_diff', offer)) as Record<string, { missing?: string[] }>;
      const docs: StoredDoc[] = [];
      for (const [id, d] of Object.entries(diff)) {
        if (!d.missing?.length) continue;
        for (const r of await opts.store.openRevs(id, d.missing, { revs: true, attachments: true }))
          if ('ok' in r && goesUp(r.ok, opts.district)) docs.push(r.ok);
      }
      // Materials name their case, a community's certificate its street's: what is named goes first.
      docs.sort((a, b) => upOrder(a) - upOrder(b));
      if (docs.length > 0) {
        const answer = (await post('/_bulk_docs', { docs, new_edits: false })) as unknown as {
          id: string;
          error?: string;
          reason?: string;
        }[];
        for (const a of answer.filter((x) => x.error)) {
          state.refused.push({ id: a.id, reason: String(a.reason ?? a.error) });
          opts.logger.warn({ id: a.id, reason: a.reason }, 'city refused a document');
        }
        state.refused.splice(0, Math.max(0, state.refused.length - MAX_REFUSED));
        state.pushed += docs.length - answer.filter((x) => x.error).length;
      }
    }
    await opts.store.putLocal(PUSH_CHECKPOINT, { seq: page.lastSeq });
    return page.lastSeq;
  }

  async function pullOnce(since: string): Promise<string> {
    const q = new URLSearchParams({
      style: 'all_docs',
      since,
      limit: String(batch),
      feed: 'longpoll',
      timeout: String(longpollMs),
    });
    const page = (await call(`/_changes?${q}`, { waitMs: longpollMs })) as {
      results: { id: string; changes: { rev: string }[] }[];
      last_seq: string | number;
    };
    const next = String(page.last_seq);
    if (page.results.length > 0) {
      const diff = await opts.store.revsDiff(
        Object.fromEntries(page.results.map((r) => [r.id, r.changes.map((c) => c.rev)])),
      );
      const wanted = Object.entries(diff).flatMap(([id, d]) => d.missing.map((rev) => ({ id, rev })));
      if (wanted.length > 0) {
        const got = (await post('/_bulk_get?revs=true&attachments=true', { docs: wanted })) as {
          results: { docs: ({ ok: StoredDoc } | { error: unknown })[] }[];
        };
        const docs = got.results
          .flatMap((r) => r.docs.flatMap((d) => ('ok' in d ? [d.ok] : [])))
          .filter((d) => comesDown(d, opts.district));
        if (docs.length > 0) {
          const failed = await opts.writer.bulkDocs(docs, { newEdits: false });
          for (const f of failed) opts.logger.warn({ id: f.id, reason: f.reason }, 'document from the city not stored');
          state.pulled += docs.length - failed.length;
        }
      }
    }
    await opts.store.putLocal(PULL_CHECKPOINT, { seq: next });
    return next;
  }

  const run = async (name: string, checkpoint: string, step: (since: string) => Promise<string>) => {
    const delay = retryDelay(250, 2_000);
    let since = String((await opts.store.getLocal(checkpoint))?.seq ?? '0');
    while (!stopping.signal.aborted) {
      try {
        since = await step(since);
        if (!state.connected) opts.logger.info({ direction: name }, 'city link up');
        state.connected = true;
        state.offlineSince = undefined;
        state.lastError = undefined;
        delay.reset();
      } catch (err) {
        if (stopping.signal.aborted) break;
        if (state.connected || !state.offlineSince) {
          opts.logger.warn({ direction: name, err: String(err) }, 'city link down');
          state.offlineSince = clock().toISOString();
        }
        state.connected = false;
        state.lastError = String(err);
        await sleepUnlessAborted(delay.next(), stopping.signal);
      }
    }
  };
  const loops = [run('push', PUSH_CHECKPOINT, pushOnce), run('pull', PULL_CHECKPOINT, pullOnce)];
  return {
    status: () => ({ ...state, refused: [...state.refused] }),
    async stop() {
      stopping.abort();
      await Promise.allSettled(loops);
    },
  };
}

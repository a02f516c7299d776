import PouchDB from 'pouchdb';
import { retryDelay } from './retry-delay.js';

/** A document the hub refused to take, kept at the node because PouchDB never sends it again. */
export interface RefusedDoc {
  id: string;
  reason: string;
  at: string;
}

/** What the node shows about its link to the hub. */
export interface SyncStatus {
  state: 'starting' | 'syncing' | 'idle' | 'offline' | 'stopped';
  connected: boolean;
  lastSyncAt: string | undefined;
  offlineSince: string | undefined;
  lastError: string | undefined;
  /** Local changes the push has not passed yet. */
  waitingUp: number;
  /** Documents pulled since start, and what the hub said was still to come (first sync progress). */
  pulled: number;
  pendingDown: number | undefined;
  refused: RefusedDoc[];
}

export interface HubSyncOptions {
  /** The gateway's database URL, e.g. `http://hub:5984/db`. */
  remoteUrl: string;
  /** A fresh bearer token for each request: node tokens live a minute, replication lives for days. */
  token: () => Promise<string>;
  batchSize?: number;
  clock?: () => Date;
  /** Called whenever the status changes, for logs and metrics. */
  onStatus?: (status: SyncStatus) => void;
}

const REFUSED_DOC = '_local/hallnet-refused';
const MAX_REFUSED_KEPT = 500;
/** How long to wait before restarting a replication the hub refused outright (401/403), at most. */
const MAX_RESTART_MS = 60_000;

/**
 * Live two-way replication between a node's replica and the hub, surviving both going away.
 * Push and pull run as two replications so each side's progress can be shown; PouchDB's own
 * retry handles network loss, with waits of at most a second that start short again once the hub
 * answers (PouchDB's own reset misses a reconnect with nothing to replicate), so a node is back
 * within about a second of the hub. This class restarts what PouchDB gives up on (a 401 ends a
 * replication even with `retry`), backing off up to a minute.
 */
export class HubSync {
  private readonly remote: PouchDB.Database;
  private push: PouchDB.Replication.Replication<object> | undefined;
  private pull: PouchDB.Replication.Replication<object> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private pushedSeq: number | string = 0;
  private readonly clock: () => Date;
  private readonly s: SyncStatus = {
    state: 'starting',
    connected: false,
    lastSyncAt: undefined,
    offlineSince: undefined,
    lastError: undefined,
    waitingUp: 0,
    pulled: 0,
    pendingDown: undefined,
    refused: [],
  };

  constructor(private readonly local: PouchDB.Database, private readonly opts: HubSyncOptions) {
    this.clock = opts.clock ?? (() => new Date());
    this.remote = new PouchDB(opts.remoteUrl, {
      skip_setup: true,
      fetch: async (url: string | Request, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        try {
          headers.set('authorization', `Bearer ${await opts.token()}`);
          return await PouchDB.fetch(url, { ...init, headers });
        } catch (err) {
          // A hub that goes away mid-request rejects the fetch, and some of PouchDB's own callers
          // leave that rejection unhandled, which would end the node's process. An answer
          // PouchDB treats as retryable keeps the node up and the replication retrying.
          const reason = err instanceof Error ? err.message : String(err);
          return new Response(JSON.stringify({ error: 'unavailable', reason }), { status: 503, headers: { 'content-type': 'application/json' } });
        }
      },
    } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  }

  async start(): Promise<void> {
    try {
      const kept = await this.local.get<{ docs: RefusedDoc[] }>(REFUSED_DOC);
      this.s.refused = kept.docs;
    } catch {
      // no refusals recorded yet
    }
    this.run();
  }

  status(): SyncStatus {
    return { ...this.s, refused: [...this.s.refused] };
  }

  /** Counts local changes the push has not passed; cheap enough for a status page. */
  async refreshWaitingUp(): Promise<number> {
    const res = await this.local.changes({ since: this.pushedSeq, limit: 10_000 });
    this.s.waitingUp = this.s.state === 'idle' ? 0 : res.results.length;
    return this.s.waitingUp;
  }

  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.s.state = 'stopped';
    const done = [this.push, this.pull].filter(Boolean).map((r) => new Promise<void>((resolve) => {
      r!.on('complete', () => resolve());
      r!.on('error', () => resolve());
      r!.cancel();
    }));
    await Promise.all(done);
    await this.remote.close();
  }

  private run(): void {
    const options = (delay: ReturnType<typeof retryDelay>) => ({ live: true, retry: true, batch_size: this.opts.batchSize ?? 100, back_off_function: () => delay.next() });
    const delays = { push: retryDelay(), pull: retryDelay() };
    this.push = this.local.replicate.to(this.remote, options(delays.push));
    this.pull = this.local.replicate.from(this.remote, options(delays.pull));
    for (const [dir, r] of [['push', this.push], ['pull', this.pull]] as const) {
      r.on('active', () => {
        delays[dir].reset();
        this.update({ state: 'syncing', connected: true, offlineSince: undefined, lastError: undefined });
      });
      r.on('change', (info: PouchDB.Replication.ReplicationResult<object> & { pending?: number }) => {
        this.failures = 0;
        delays[dir].reset();
        if (dir === 'push') this.pushedSeq = info.last_seq;
        else this.update({ pulled: this.s.pulled + info.docs_written, pendingDown: info.pending });
        this.update({ connected: true, lastSyncAt: this.clock().toISOString() });
      });
      r.on('paused', (err: unknown) => {
        if (err) return this.wentOffline(err);
        this.failures = 0;
        delays[dir].reset();
        this.update({ state: 'idle', connected: true, waitingUp: dir === 'push' ? 0 : this.s.waitingUp, lastSyncAt: this.clock().toISOString() });
      });
      r.on('denied', (err: unknown) => void this.refuse(err));
      r.on('error', (err: unknown) => this.gaveUp(err));
    }
  }

  private wentOffline(err: unknown): void {
    this.update({ state: 'offline', connected: false, offlineSince: this.s.offlineSince ?? this.clock().toISOString(), lastError: describe(err) });
  }

  private gaveUp(err: unknown): void {
    if (this.s.state === 'stopped' || this.restartTimer) return;
    this.wentOffline(err);
    this.push?.cancel();
    this.pull?.cancel();
    const delay = Math.min(MAX_RESTART_MS, 1000 * 2 ** this.failures++) * (0.5 + Math.random() / 2);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.s.state !== 'stopped') this.run();
    }, delay);
    this.restartTimer.unref();
  }

  private async refuse(err: unknown): Promise<void> {
    const e = err as { id?: string; reason?: string; message?: string };
    this.s.refused = [...this.s.refused, { id: e.id ?? '?', reason: e.reason ?? e.message ?? 'forbidden', at: this.clock().toISOString() }].slice(-MAX_REFUSED_KEPT);
    this.opts.onStatus?.(this.status());
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        let rev: string | undefined;
        try {
          rev = (await this.local.get(REFUSED_DOC))._rev;
        } catch {
          rev = undefined;
        }
        await this.local.put({ _id: REFUSED_DOC, ...(rev ? { _rev: rev } : {}), docs: this.s.refused });
        return;
      } catch {
        // a concurrent refusal wrote first; try again with its revision
      }
    }
  }

  private update(patch: Partial<SyncStatus>): void {
    Object.assign(this.s, patch);
    this.opts.onStatus?.(this.status());
  }
}

function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { status?: number; name?: string; message?: string; reason?: string };
    return [e.status, e.name, e.reason ?? e.message].filter(Boolean).join(' ');
  }
  return String(err);
}

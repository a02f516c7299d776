import PouchDB from 'pouchdb';
import { HubShortcuts } from './hub-shortcuts.js';
import { idleLimitedFetch } from './idle-limited-fetch.js';
import { retryDelay } from './retry-delay.js';

/** A document the hub refused to take, kept at the node because PouchDB never sends it again. */
export interface RefusedDoc {
  id: string;
  reason: string;
  at: string;
}

/** What the node shows about its link to the hub. */
export interface SyncStatus {
  /** `idle` once the pull and the push both said they are current; `syncing` while either is under way. */
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
  /**
   * A request to the hub on which nothing arrives for this long is abandoned and retried
   * (default 30 s); the hub's longpolls send a heartbeat every third of it.
   */
  idleTimeoutMs?: number;
  /**
   * A hub that sends nothing for this long on a request under way (default 6 s) is reported
   * offline at once, while the request is still given the idle limit: a frozen hub shows within
   * seconds, a slow line that still carries the longpoll's heartbeats never does.
   */
  silentMs?: number;
}

/**
 * Documents per replication batch, both ways, unless the options say otherwise. PouchDB bounds a
 * batch by count only and holds it whole, attachments included, until it is written: 500 pulled
 * a first sync of 100,000 in 0.65× the time at load 2–3 (19.8 s against 30.5 s) and in the same
 * time at load 8–11, for 0.67–0.71× the CPU (README figures), but would hold five times what 100
 * does (500 materials at the 10 MiB file bound is 5 GiB). A live change goes alone either way.
 */
export const SYNC_BATCH_SIZE = 100;

const REFUSED_DOC = '_local/hallnet-refused';
const PUSHED_DOC = '_local/hallnet-pushed-seq';
const MAX_REFUSED_KEPT = 500;
/** How long to wait before restarting a replication the hub refused outright (401/403), at most. */
const MAX_RESTART_MS = 60_000;
/** How often, at most, the push's progress is saved (it bounds what the cases-first pass reads after a restart). */
const SAVE_PUSHED_MS = 5_000;

/** Documents that other documents refer to, so they must reach the hub first: cases (notices, materials and ratings name one). */
const isCase = (doc: { _id: string }) => doc._id.startsWith('case:');
/** The body of PouchDB's `_bulk_get` asking for nothing: HubSync.start's probe (see there). */
const PROBE_BODY = JSON.stringify({ docs: [] });
/** How long a request to the hub may go without a byte before it is given up and retried. */
const DEFAULT_IDLE_MS = 30_000;
/** How long an answer with a length (not a longpoll's stream) may stop halfway before it is given up and retried. */
const BODY_IDLE_MS = 5_000;
/** How long the hub may say nothing on a request under way before the status says it is gone. */
const DEFAULT_SILENT_MS = 6_000;

/**
 * Live two-way replication between a node's replica and the hub, surviving both going away.
 * Push and pull run as two replications so each side's progress can be shown; waits between
 * attempts are at most a second and start short again once the hub answers (PouchDB's own reset
 * misses a reconnect with nothing to replicate), so a node is back within about a second of the
 * hub. A refusal outright (401/403, an expired certificate) backs off up to a minute.
 *
 * The push sends cases first whenever it (re)starts — at start and each time the hub is back:
 * PouchDB sends each document at its latest change, so after a month offline a case completed
 * last week would come after the notice of its acceptance, and the hub refuses a notice, material
 * or rating whose case it does not hold. A one-shot pass of the cases changed since the live
 * push last got through goes ahead; the live push follows. The pull retries by itself.
 */
export class HubSync {
  private readonly remote: PouchDB.Database;
  private readonly shortcuts: HubShortcuts;
  private push: PouchDB.Replication.Replication<object> | undefined;
  private pull: PouchDB.Replication.Replication<object> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private pushTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** The hub's last word: it answered (true), or a request to it failed or the link went down (false). */
  private hubAnswered = false;
  private pushFailures = 0;
  private readonly pushDelay = retryDelay();
  private pushedSeq: number | string = 0;
  private waitingUpRead: Promise<number> | undefined;
  private caughtUp = false;
  /** The live pull's last word: it is current (paused without an error), until it next goes active. */
  private pullCurrent = false;
  /** The live push's last word: it is current (paused without an error), until it next goes active. */
  private pushCurrent = false;
  private savedSeq: number | string = 0;
  private savedAt = 0;
  private readonly clock: () => Date;
  private readonly idleMs: number;
  private readonly silentMs: number;
  /** Requests to the hub under way, and when the hub last sent anything (or the first of them went out). */
  private inFlight = 0;
  private heardAt = 0;
  /** The status says offline because the hub went silent, not because a request failed. */
  private silent = false;
  private silenceTimer: NodeJS.Timeout | undefined;
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

  constructor(
    private readonly local: PouchDB.Database,
    private readonly opts: HubSyncOptions,
  ) {
    this.clock = opts.clock ?? (() => new Date());
    this.idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_MS;
    this.silentMs = opts.silentMs ?? DEFAULT_SILENT_MS;
    // An answer with a length comes whole once it starts (a longpoll's heartbeats come chunked):
    // one cut short by a clean close (a `_bulk_get` or a `_changes` ended by the line after 113,021
    // of its 133,713 bytes, in test/hub-restart-reconnect.test.ts) must not hold the pull for the
    // whole idle limit at every retry of the batch.
    const hubFetch = idleLimitedFetch((url, init) => PouchDB.fetch(url, init), {
      idleMs: this.idleMs,
      bodyIdleMs: Math.min(this.idleMs, BODY_IDLE_MS),
      watch: {
        sent: () => {
          if (this.inFlight++ === 0) this.heardAt = Date.now();
        },
        heard: () => this.heard(),
        ended: () => {
          this.inFlight--;
        },
      },
    });
    const withToken = async (url: string | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${await opts.token()}`);
      return hubFetch(url, { ...init, headers });
    };
    const shortcuts = new HubShortcuts(opts.remoteUrl, withToken);
    this.shortcuts = shortcuts;
    this.remote = new PouchDB(opts.remoteUrl, {
      skip_setup: true,
      fetch: async (url: string | Request, init?: RequestInit) => {
        if (
          init?.method === 'POST' &&
          init.body === PROBE_BODY &&
          String(url).startsWith(`${opts.remoteUrl}/_bulk_get`)
        )
          return new Response('{"results":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
        const known = shortcuts.answer(String(url), init);
        if (known) return known;
        try {
          const res = await withToken(url, init);
          this.hubAnswered = res.status < 500;
          await shortcuts.learn(String(url), init, res);
          return res;
        } catch (err) {
          // PouchDB's own cancel says nothing of the hub.
          if (!init?.signal?.aborted) {
            this.hubAnswered = false;
            shortcuts.forget();
          }
          // A hub that goes away mid-request rejects the fetch, and some of PouchDB's own callers
          // leave that rejection unhandled, which would end the node's process. An answer
          // PouchDB treats as retryable keeps the node up and the replication retrying.
          const reason = err instanceof Error ? err.message : String(err);
          return new Response(JSON.stringify({ error: 'unavailable', reason }), {
            status: 503,
            headers: { 'content-type': 'application/json' },
          });
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
    try {
      this.pushedSeq = this.savedSeq = (await this.local.get<{ seq: number | string }>(PUSHED_DOC)).seq;
    } catch {
      // never pushed: the first cases-first pass reads the whole replica once
    }
    // PouchDB decides once per process and hub URL whether the hub has `_bulk_get`, by the first
    // call: one that fails (the hub restarting, a line dropping mid-pull) makes every later pull
    // fetch document by document until the process ends. Asked first with nothing to fetch, and
    // answered here as the hub would, it settles on `_bulk_get` whatever the line does.
    await this.remote.bulkGet({ docs: [] });
    this.silenceTimer = setInterval(() => this.checkSilence(), Math.min(1000, this.silentMs / 3));
    this.silenceTimer.unref();
    this.run();
  }

  /** Whether the pull has caught up with the hub at least once since this start. */
  caughtUpOnce(): boolean {
    return this.caughtUp;
  }

  status(): SyncStatus {
    return { ...this.s, refused: [...this.s.refused] };
  }

  /**
   * Counts local changes the push has not passed. Callers that ask together (scrapes, status
   * pages, probes that gave up and asked again) share one read: behind a long push each read walks
   * thousands of changes, and reads piling up each walking them held `/metrics` 11 s after a hub
   * restart (test/hub-restart-reconnect.test.ts).
   */
  refreshWaitingUp(): Promise<number> {
    this.waitingUpRead ??= this.countWaitingUp().finally(() => {
      this.waitingUpRead = undefined;
    });
    return this.waitingUpRead;
  }

  private async countWaitingUp(): Promise<number> {
    // A live push that said it is current has nothing waiting: nothing need be read.
    if (this.pushCurrent) return (this.s.waitingUp = 0);
    const res = await this.local.changes({ since: this.pushedSeq, limit: 10_000 });
    // The push may have caught up while the feed was read.
    this.s.waitingUp = this.pushCurrent ? 0 : res.results.length;
    return this.s.waitingUp;
  }

  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    clearTimeout(this.pushTimer);
    clearInterval(this.silenceTimer);
    this.restartTimer = undefined;
    this.s.state = 'stopped';
    await Promise.all([this.push, this.pull].map((r) => this.cancel(r)));
    // The checkpoints still deferred go out if the hub answers soon; if not, the hub's lag only makes the pull list a little again.
    await Promise.race([this.shortcuts.flush(), new Promise((r) => setTimeout(r, 1000).unref())]);
    await this.savePushed(true);
    await this.remote.close();
  }

  private run(): void {
    const delay = retryDelay();
    // Heartbeats well inside the silence and idle limits: a quiet longpoll is not mistaken for a dead line.
    const heartbeat = Math.max(100, Math.floor(Math.min(this.idleMs, this.silentMs) / 3));
    this.pullCurrent = false;
    this.pull = this.local.replicate.from(this.remote, {
      live: true,
      retry: true,
      heartbeat,
      batch_size: this.opts.batchSize ?? SYNC_BATCH_SIZE,
      back_off_function: () => delay.next(),
    });
    this.pull.on('active', () => {
      delay.reset();
      this.pullCurrent = false;
      this.update({ state: 'syncing' });
    });
    this.pull.on('change', (info: PouchDB.Replication.ReplicationResult<object> & { pending?: number }) => {
      delay.reset();
      this.shortcuts.pulled(info.docs);
      this.update({ pulled: this.s.pulled + info.docs_written, pendingDown: info.pending });
      this.answered();
    });
    this.pull.on('paused', (err: unknown) => {
      if (err) {
        this.pullCurrent = false;
        return this.wentOffline(err);
      }
      this.caughtUp = true;
      this.pullCurrent = true;
      delay.reset();
      this.answered({ state: this.linkState() });
    });
    this.pull.on('denied', (err: unknown) => void this.refuse(err));
    this.pull.on('error', (err: unknown) => this.gaveUp(err));
    this.startPush();
  }

  /** Cases first, then the live push; on failure, again after a short wait (a minute at most when refused outright). */
  private startPush(): void {
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    if (this.s.state === 'stopped' || this.push) return;
    const batch_size = this.opts.batchSize ?? SYNC_BATCH_SIZE;
    const first = this.local.replicate.to(this.remote, {
      filter: isCase,
      since: this.pushedSeq,
      checkpoint: false,
      batch_size,
    } as PouchDB.Replication.ReplicateOptions);
    this.push = first;
    first.on('denied', (err: unknown) => void this.refuse(err));
    first.then(
      () => {
        if (this.push !== first || this.s.state === 'stopped') return;
        this.pushDelay.reset();
        this.pushFailures = 0;
        this.answered();
        this.livePush();
      },
      (err: unknown) => {
        if (this.push === first) this.pushFailed(err);
      },
    );
  }

  private livePush(): void {
    const r = this.local.replicate.to(this.remote, {
      live: true,
      retry: false,
      batch_size: this.opts.batchSize ?? SYNC_BATCH_SIZE,
      since: this.pushedSeq,
    } as PouchDB.Replication.ReplicateOptions);
    this.push = r;
    r.on('active', () => {
      this.pushCurrent = false;
      this.update({ state: 'syncing' });
    });
    r.on('change', () => {
      this.pushDelay.reset();
      this.answered();
    });
    // Every batch the push has finished, also one that wrote nothing: the documents pulled from the
    // hub come back through the push, which finds the hub has them and emits no 'change'. Moved on
    // only at 'change', the next cases-first pass and every count of what waits would walk them all
    // again (a reconnect re-diffed 4,000 pulled cases, and a count took seconds, in
    // test/hub-restart-reconnect.test.ts).
    (r as unknown as NodeJS.EventEmitter).on('checkpoint', (info: { checkpoint?: number | string }) => {
      if (info.checkpoint === undefined) return;
      this.pushedSeq = info.checkpoint;
      void this.savePushed(false);
    });
    r.on('paused', (err: unknown) => {
      if (err) return;
      this.pushCurrent = true;
      this.answered({ state: this.linkState(), waitingUp: 0 });
    });
    r.on('denied', (err: unknown) => void this.refuse(err));
    r.on('error', (err: unknown) => {
      if (this.push === r) this.pushFailed(err);
    });
  }

  private pushFailed(err: unknown): void {
    const push = this.push;
    this.push = undefined;
    this.pushCurrent = false;
    void this.cancel(push);
    if (this.s.state === 'stopped') return;
    this.wentOffline(err);
    const status = (err as { status?: number } | undefined)?.status;
    const delay =
      status === 401 || status === 403
        ? Math.min(MAX_RESTART_MS, 1000 * 2 ** this.pushFailures++) * (0.5 + Math.random() / 2)
        : this.pushDelay.next();
    this.pushTimer = setTimeout(() => this.startPush(), delay);
    this.pushTimer.unref();
  }

  /**
   * A replication went through: the link is up if the hub itself answered since it last failed
   * (an attempt under way is no evidence, and neither is a push of echoes answered at the node).
   */
  private answered(patch: Partial<SyncStatus> = {}): void {
    if (!this.hubAnswered) return;
    this.failures = 0;
    this.update({
      connected: true,
      offlineSince: undefined,
      lastError: undefined,
      lastSyncAt: this.clock().toISOString(),
      ...patch,
    });
    // The pull found the hub back while the push waits: try it now rather than after its wait.
    if (!this.push && this.pushTimer) this.startPush();
  }

  /** Keeps where the live push got to, so the cases-first pass after a restart reads only what came after. */
  private async savePushed(force: boolean): Promise<void> {
    const now = Date.now();
    if (this.pushedSeq === this.savedSeq || (!force && now - this.savedAt < SAVE_PUSHED_MS)) return;
    this.savedAt = now;
    const seq = this.pushedSeq;
    try {
      const held = await this.local.get(PUSHED_DOC).catch(() => undefined);
      await this.local.put({ _id: PUSHED_DOC, ...(held ? { _rev: held._rev } : {}), seq });
      this.savedSeq = seq;
    } catch {
      // a concurrent save won, or the replica is closing: the next change saves again
    }
  }

  /** Cancels a replication and waits for it to end (one already cancelled, or ended, is not waited for). */
  private cancel(r: PouchDB.Replication.Replication<object> | undefined): Promise<void> {
    if (!r || (r as { cancelled?: boolean }).cancelled) return Promise.resolve();
    return new Promise<void>((resolve) => {
      r.on('complete', () => resolve());
      r.on('error', () => resolve());
      r.cancel();
    });
  }

  /** Idle only when neither direction has anything under way. */
  private linkState(): 'idle' | 'syncing' {
    return this.pullCurrent && this.pushCurrent ? 'idle' : 'syncing';
  }

  /** The hub sent something: alive, whatever the status said while it was silent. */
  private heard(): void {
    this.heardAt = Date.now();
    if (!this.silent) return;
    this.silent = false;
    this.hubAnswered = true;
    this.answered({ state: this.linkState() });
  }

  /**
   * The hub silent past the limit while the pull is current, so its longpoll, sending heartbeats,
   * is under way: offline now, the request left to its idle limit. While the pull catches up
   * (a busy hub may take seconds to start a large answer) silence says nothing.
   */
  private checkSilence(): void {
    if (this.silent || !this.s.connected || !this.pullCurrent || this.inFlight === 0) return;
    const quiet = Date.now() - this.heardAt;
    if (quiet < this.silentMs) return;
    this.silent = true;
    this.wentOffline(new Error(`the hub has sent nothing for ${Math.round(quiet / 1000)} s`));
  }

  private wentOffline(err: unknown): void {
    // A request failed (often while reading an answer, out of the fetch's sight): the restart reads the hub's own checkpoints.
    this.shortcuts.forget();
    this.hubAnswered = false;
    this.update({
      state: 'offline',
      connected: false,
      offlineSince: this.s.offlineSince ?? this.clock().toISOString(),
      lastError: describe(err),
    });
  }

  private gaveUp(err: unknown): void {
    if (this.s.state === 'stopped' || this.restartTimer) return;
    this.wentOffline(err);
    const push = this.push;
    this.push = undefined;
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    void this.cancel(push);
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
    this.s.refused = [
      ...this.s.refused,
      { id: e.id ?? '?', reason: e.reason ?? e.message ?? 'forbidden', at: this.clock().toISOString() },
    ].slice(-MAX_REFUSED_KEPT);
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

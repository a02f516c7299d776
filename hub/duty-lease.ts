import type { Logger } from 'pino';
import type { Store, StoredDoc } from './store/store.js';

/** The lease's document in the store: no `type` and no parties, so no node ever sees it or may write it. */
export const DUTY_LEASE_ID = 'hallnet-hub-duties';

/** What the lease document says. */
export interface DutyLeaseDoc extends StoredDoc {
  kind: 'hub-duty-lease';
  parties: [];
  /** The instance (`HUB_INSTANCE`) holding the duties. */
  holder: string;
  /** When it took them (kept across renewals). */
  since: string;
  /** Until when, by the holder's clock; anyone may take the lease after it. */
  expiresAt: string;
}

/** Whether this hub instance holds the single-writer duties, and its way to stop. */
export interface DutyLease {
  /** True while this instance holds an unexpired lease, by its own monotonic clock (never longer than the others wait). */
  held(): boolean;
  /** The holder as this instance last read it (undefined before the first look). */
  holder(): string | undefined;
  /** Stops renewing and, if held, gives the lease up at once so another instance takes it on its next look. */
  stop(): Promise<void>;
}

export interface DutyLeaseOptions {
  instance: string;
  /** How long a lease lasts unrenewed: another instance takes over at most this long after the holder died. */
  ttlMs: number;
  /** How often every instance looks at the lease (the holder renews it then); default a third of `ttlMs`. */
  renewMs?: number;
  clock?: () => Date;
  logger?: Logger;
  /** Run after each look that found this instance holding the lease: the duties themselves. */
  whileHeld?: () => Promise<void>;
}

/**
 * The duties only one hub instance over a shared store may do at a time — publishing the JWKS
 * document, rotating signing keys, compacting conflicts — held through a lease document in the
 * store. It is an ordinary document, not a `_local` one, because Apache CouchDB 3 checks `_rev`
 * only on those: two instances writing over the same revision, one gets `conflict` and stays a
 * follower. The holder renews every `renewMs`; it counts its lease from before its write by its
 * own monotonic clock, so it stops acting before the others may take over (instances' wall
 * clocks must agree to well under `ttlMs`, as NTP keeps them).
 */
export function startDutyLease(store: Store, o: DutyLeaseOptions): { lease: DutyLease; ready: Promise<void> } {
  const clock = o.clock ?? (() => new Date());
  const renewMs = o.renewMs ?? Math.max(Math.floor(o.ttlMs / 3), 100);
  let heldUntil = 0; // performance.now() by which this instance stops acting unrenewed
  let lastHolder: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function look(): Promise<void> {
    const started = performance.now();
    const now = clock();
    const cur = (await store.get(DUTY_LEASE_ID)) as DutyLeaseDoc | undefined;
    const mine = cur?.holder === o.instance;
    if (cur && !mine && Date.parse(cur.expiresAt) > now.getTime()) {
      lastHolder = cur.holder;
      heldUntil = 0;
      return;
    }
    const next: DutyLeaseDoc = {
      _id: DUTY_LEASE_ID,
      ...(cur?._rev ? { _rev: cur._rev } : {}),
      kind: 'hub-duty-lease',
      parties: [],
      holder: o.instance,
      since: mine && cur ? cur.since : now.toISOString(),
      expiresAt: new Date(now.getTime() + o.ttlMs).toISOString(),
    };
    const failures = await store.bulkDocs([next], { newEdits: true });
    if (failures.length) {
      heldUntil = 0; // another instance wrote first: it holds the lease
      lastHolder = undefined;
      if (failures[0]!.error !== 'conflict') throw new Error(`duty lease not written: ${failures[0]!.reason}`);
      return;
    }
    if (!mine)
      o.logger?.info(
        { instance: o.instance, previous: cur?.holder },
        'this hub instance took the single-writer duties',
      );
    lastHolder = o.instance;
    heldUntil = started + o.ttlMs;
    await o
      .whileHeld?.()
      .catch((err: unknown) => o.logger?.warn({ err }, 'a single-writer duty failed; the next look retries'));
  }

  const tick = () => {
    running = look()
      .catch((err: unknown) => {
        o.logger?.warn({ err }, 'duty lease not read or renewed; retrying');
      })
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, renewMs);
        timer.unref();
      });
    return running;
  };
  const ready = tick();

  const lease: DutyLease = {
    held: () => !stopped && performance.now() < heldUntil,
    holder: () => lastHolder,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (performance.now() >= heldUntil) return;
      heldUntil = 0;
      const cur = (await store.get(DUTY_LEASE_ID).catch(() => undefined)) as DutyLeaseDoc | undefined;
      if (cur?.holder !== o.instance) return;
      // Expired now: the next instance to look takes it instead of waiting out the lease.
      await store.bulkDocs([{ ...cur, expiresAt: clock().toISOString() }], { newEdits: true }).catch(() => undefined);
    },
  };
  return { lease, ready };
}

/** The duties of a hub alone on its store (the embedded PouchDB, which one process holds): always its own. */
export function soleDuties(instance: string): DutyLease {
  return { held: () => true, holder: () => instance, stop: async () => undefined };
}

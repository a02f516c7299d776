import type { Level, Matter } from '../../sync/index.js';
import { PeriodicPass } from '../periodic-pass.js';
import type { HallQueue } from './hall-queue.js';
import { defaultWindowPlan, type WindowPlan } from './initial-windows.js';

const TICK_MS = 1000;

/** What a hall's first windows are made from. */
export interface OpenHallWindowsOptions {
  queue: HallQueue;
  org: string;
  level: Level;
  /** `HALLNET_WINDOWS`, when the hall's configuration names its windows (empty: none, no floor). */
  plan: WindowPlan[] | undefined;
  /** The matters this hall's window may accept, as the replica holds them now (a fresh node learns them from sync). */
  acceptable: () => Pick<Matter, 'category'>[];
  /** Whether the replica has caught up with the hub (or has none): a catalogue still arriving makes a partial plan. */
  caughtUp: () => boolean;
  logger: { info(detail: object, msg: string): void; warn(detail: object, msg: string): void };
}

/**
 * A hall opens with its windows set up, so the ticket machine works at first start: once, when the
 * hall has no window at all, from its configuration or else the default plan (defaultWindowPlan),
 * as soon as the catalogue is known. After that the director's window setup is the only source:
 * nothing here changes a window that exists.
 */
export function openHallWindows(o: OpenHallWindowsOptions): { stop(): Promise<void> } {
  let done = false;
  let last = '';
  /** The default plan once the replica caught up and the catalogue stood still for a tick (it arrives document by document). */
  const settledDefault = (): WindowPlan[] | undefined => {
    if (!o.caughtUp()) return undefined;
    const plan = defaultWindowPlan(o.org, o.level, o.acceptable());
    const seen = JSON.stringify(plan);
    const settled = plan.length > 0 && seen === last;
    last = seen;
    return settled ? plan : undefined;
  };
  const periodic = new PeriodicPass(
    TICK_MS,
    async () => {
      if (done) return;
      if (!o.queue.windows().length) {
        const plan = o.plan ?? settledDefault();
        if (!plan) return;
        for (const w of plan) await o.queue.setupWindow(w.id, { name: w.name, categories: w.categories });
        if (plan.length)
          o.logger.info(
            { windows: plan.map((w) => w.id), from: o.plan ? 'HALLNET_WINDOWS' : 'default plan' },
            'hall windows set up',
          );
      }
      done = true;
      // Done for good: the timer stops (not awaited here, it waits for this very pass).
      void periodic.stop();
    },
    (err) => o.logger.warn({ err }, 'hall windows not set up yet; the next tick retries'),
  );
  periodic.start();
  return { stop: () => periodic.stop() };
}

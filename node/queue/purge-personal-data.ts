import { PeriodicPass } from '../periodic-pass.js';
import type { HallQueue } from './hall-queue.js';

const TICK_MS = 3_600_000;

/**
 * Erases the hall's old tickets' and appointments' ID numbers and phones (the queue's
 * `personalDataDays`) at start and every hour after: nothing of a resident's visit outlives what
 * it was kept for. A failed pass is logged and the next hour tries again.
 */
export function startPersonalDataPurge(
  queue: HallQueue,
  logger: { info(detail: object, msg: string): void; warn(detail: object, msg: string): void },
): { stop(): Promise<void> } {
  const periodic = new PeriodicPass(
    TICK_MS,
    async () => {
      const erased = await queue.purgePersonalData();
      if (erased) logger.info({ erased }, "old tickets' and appointments' ID numbers and phones erased");
    },
    (err) => logger.warn({ err }, 'personal data of old tickets not erased; the next pass retries'),
  );
  periodic.start();
  return { stop: () => periodic.stop() };
}

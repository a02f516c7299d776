import { z } from 'zod';
import { HallnetError, orgPathSchema, parseOrThrow } from '../../sync/index.js';
import { HallQueue } from './hall-queue.js';
import { queueOptionsSchema } from './queue-options.js';
import type { QueueNotify } from './queue-sms.js';
import { QueueStore } from './queue-store.js';

/** What a node gives its queue at start. */
export interface CreateHallQueueOptions {
  /** The node's data folder: the queue keeps its own store in `<dataDir>/queue-level`. */
  dataDir: string;
  clock?: () => Date;
  /** Sends the queue's SMS; see QUEUE_SMS_TEXT for the templates. */
  notify: QueueNotify;
  /** The node's organisation path. */
  org: string;
  /** The hall's name in SMS and on the screen, asked each time (a fresh node learns it from sync); the organisation path unless given. */
  hallName?: () => string;
  /** The district's categories by number, as the node's reference data holds them (kept current). */
  categories: ReadonlyMap<number, { name: string }>;
  /** The hall's queue rules; each has a default (see queueOptionsSchema). */
  rules?: z.input<typeof queueOptionsSchema>;
  /** Where a failed SMS or a skipped document is reported. */
  logger?: { warn(detail: object, msg: string): void };
}

const settingsSchema = z.object({
  org: orgPathSchema,
  rules: queueOptionsSchema.default(queueOptionsSchema.parse({})),
});

/**
 * Opens a hall node's queue: its local database, today's tickets, the windows and the
 * appointments to come. Bad settings throw ERR_CONFIG before anything is opened.
 */
export async function createHallQueue(opts: CreateHallQueueOptions): Promise<HallQueue> {
  const settings = parseOrThrow(settingsSchema, { org: opts.org, rules: opts.rules }, { code: 'ERR_CONFIG' });
  if (!opts.dataDir) throw new HallnetError('ERR_CONFIG', 'the queue needs a data folder');
  if (typeof opts.notify !== 'function') throw new HallnetError('ERR_CONFIG', 'the queue needs a notify function');
  const warn = opts.logger ? opts.logger.warn.bind(opts.logger) : () => {};
  const store = await QueueStore.open(opts.dataDir, (msg, detail) => warn(detail, msg));
  try {
    return await HallQueue.open({
      store,
      clock: opts.clock ?? (() => new Date()),
      notify: opts.notify,
      options: settings.rules,
      hallName: opts.hallName ?? (() => settings.org),
      categoryName: (n) => opts.categories.get(n)?.name ?? `第${n}类`,
      warn,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
}

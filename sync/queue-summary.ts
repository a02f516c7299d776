import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';

const count = z.number().int().min(0).max(1_000_000);
const ms = z
  .number()
  .int()
  .min(0)
  .max(30 * 86_400_000);

/** One category's line of a day's queue at a hall: counts and summed times, never a ticket. */
export const queueSummaryCategorySchema = z
  .object({
    category: z.number().int().min(1).max(15),
    issued: count,
    called: count,
    finished: count,
    noShows: count,
    /** Sum of the waits (issue to first call) of the tickets called, and of the serving times of those finished. */
    waitMsTotal: z.number().int().min(0),
    serveMsTotal: z.number().int().min(0),
  })
  .strict();

/**
 * 排队日报: a hall's queue of one day as the district's figures need it — tickets issued, called,
 * finished and missed, appointments checked in, summed and longest waits, serving time, per
 * category — and nothing about any resident. Written by the hall itself during the day and once
 * more, final, after it; replicated to the district (its parties are the hall), so the figures of
 * the district center cover every hall's queue.
 */
export const queueSummaryDocSchema = envelopeSchema.extend({
  type: z.literal('queue-summary'),
  hall: orgPathSchema,
  /** The hall's day, Beijing time, `20261123`. */
  day: z.string().regex(/^\d{8}$/),
  issued: count,
  called: count,
  finished: count,
  noShows: count,
  appointments: count,
  waitMsTotal: z.number().int().min(0),
  longestWaitMs: ms,
  serveMsTotal: z.number().int().min(0),
  categories: z.array(queueSummaryCategorySchema).max(15),
  /** The day is over: this is the summary as it stays. */
  final: z.boolean(),
});
export type QueueSummaryDoc = z.infer<typeof queueSummaryDocSchema>;

/** A day's summary id, by day first so a period is one range of ids: `queue-summary:20261123:dongcheng/jingshan`. */
export const queueSummaryDocId = (day: string, hall: string) => `queue-summary:${day}:${hall}`;

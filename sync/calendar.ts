import { z } from 'zod';
import { envelopeSchema } from './envelope.js';

export const isoDateSchema = z.iso.date();

/**
 * One year of the working-day calendar: weekends are rest days unless listed as make-up
 * workdays (调休上班); listed holidays are rest days whatever the weekday.
 */
export const calendarSchema = envelopeSchema.extend({
  type: z.literal('calendar'),
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(z.object({ date: isoDateSchema, name: z.string().max(40) })),
  workdays: z.array(isoDateSchema),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const calendarDocId = (year: number) => `calendar:${year}`;

import { z } from 'zod';
import { envelopeSchema } from './envelope.js';

/** One SMS to an applicant, kept as a replicated document: the outbox a node sends from, and the record of what was sent. */
export const noticeDocSchema = envelopeSchema.extend({
  type: z.literal('notice'),
  caseId: z.string().min(1).max(100),
  template: z.string().min(1).max(60),
  phone: z.string().regex(/^1\d{10}$/),
  // A rating link with its signed token runs to ~250 characters behind a long hall address.
  params: z.record(z.string(), z.string().max(600)),
  text: z.string().max(800),
  status: z.enum(['pending', 'sent', 'failed', 'opted-out']),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }).optional(),
  lastError: z.string().max(300).optional(),
});
export type NoticeDoc = z.infer<typeof noticeDocSchema>;

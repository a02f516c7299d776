import { z } from 'zod';
import { applicantSchema } from './case.js';
import { envelopeSchema } from './envelope.js';

/** 一表一库: a resident's or company's details, kept once at the node and reused for the next case. */
export const residentDocSchema = envelopeSchema.extend({
  type: z.literal('resident'),
  applicant: applicantSchema,
});
export type ResidentDoc = z.infer<typeof residentDocSchema>;

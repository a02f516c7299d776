import { z } from 'zod';
import { licenceKeySchema, licenceNumberSchema } from './licence.js';

const materialIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/)
  .max(40);

/**
 * A material a case takes from the applicant's library instead of paper (免提交), as recorded on
 * the event that took it: an electronic licence (level A, bound to the applicant by its key), or
 * a scan a window clerk checked against the original for an earlier case (level B).
 */
export const libraryUseSchema = z.discriminatedUnion('source', [
  z.object({
    materialId: materialIdSchema,
    source: z.literal('licence'),
    level: z.literal('A'),
    number: licenceNumberSchema,
    key: licenceKeySchema,
  }),
  z.object({
    materialId: materialIdSchema,
    source: z.literal('material'),
    level: z.literal('B'),
    docId: z.string().regex(/^material:[A-Za-z0-9-]{1,80}:[a-z0-9-]{1,40}:[A-Za-z0-9-]{1,80}$/),
    caseId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/),
  }),
]);
export type LibraryUse = z.infer<typeof libraryUseSchema>;

import { z } from 'zod';
import { actorSchema, envelopeSchema } from './envelope.js';
import { materialLevelSchema } from './material-level.js';

/** Media types a hall accepts for scanned materials. */
export const MATERIAL_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * One uploaded material of a case (a scan of a document the applicant handed in), with the file
 * as the attachment `file`. It carries the case's parties, so it travels wherever the case goes.
 */
export const materialDocSchema = envelopeSchema.extend({
  type: z.literal('material'),
  caseId: z.string().min(1).max(100),
  materialId: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(40),
  name: z.string().min(1).max(100),
  contentType: z.enum(MATERIAL_TYPES),
  size: z
    .number()
    .int()
    .min(1)
    .max(10 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** B: scanned by a clerk from the original; C: uploaded by the applicant online. Absent on scans made before levels were kept: B. */
  level: materialLevelSchema.optional(),
  /** A C upload checked against the original by a window clerk, which makes it B. */
  checked: z.object({ by: actorSchema, at: z.iso.datetime({ offset: true }) }).optional(),
});
export type MaterialDoc = z.infer<typeof materialDocSchema>;

/** Material documents of a case sort together under its id. */
export const materialDocPrefix = (caseId: string) => `material:${caseId}:`;

/** A material's trust level: B unless it says otherwise (scans from before levels were kept were made by clerks). */
export const levelOfMaterial = (doc: Pick<MaterialDoc, 'level'>) => doc.level ?? 'B';

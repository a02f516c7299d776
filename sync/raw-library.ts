import { z } from 'zod';
import { applicantSchema, caseEventSchema } from './case.js';
import { licenceDocSchema } from './licence.js';
import { materialDocSchema } from './material.js';
import { orgPathSchema } from './org-path.js';

/** A case of the holder as the library needs it: its signed header (first event) and its signed completion. */
export const libraryCaseSchema = z.object({
  _id: z.string().regex(/^case:[A-Za-z0-9-]{1,80}$/),
  scope: orgPathSchema,
  matterCode: z.string().min(1).max(50),
  matterName: z.string().min(1).max(100),
  matterVersion: z.number().int().min(1).max(100_000).optional(),
  department: orgPathSchema,
  queryCode: z.string().min(6).max(20),
  applicant: applicantSchema,
  first: caseEventSchema,
  completion: caseEventSchema.optional(),
});
export type LibraryCase = z.infer<typeof libraryCaseSchema>;

/**
 * 一表一库 across the district: what a holder has handed in and been issued, as signed documents —
 * his cases' headers and completions, the scans of their materials (without the files) and the
 * licences they issued. The hub answers a hall with this; a hall reads the same from its replica.
 * Whoever reads it verifies every signature before believing any of it.
 */
export const rawLibrarySchema = z.object({
  cases: z.array(libraryCaseSchema).max(500),
  materials: z.array(materialDocSchema).max(2000),
  licences: z.array(licenceDocSchema).max(500),
});
export type RawLibrary = z.infer<typeof rawLibrarySchema>;

import { z } from 'zod';
import { MATERIAL_TYPES } from '../material.js';

/** The sizes a hall may write, configurable at the hub (and applied by every node to its own writes). */
export const writeBoundsSchema = z.object({
  /** Bytes of a case document's JSON (events included). */
  caseBytes: z
    .number()
    .int()
    .min(16_384)
    .max(16 * 1024 * 1024),
  /** Events in one case. */
  caseEvents: z.number().int().min(16).max(100_000),
  /** Bytes of any other document's JSON (attachments not counted). */
  docBytes: z
    .number()
    .int()
    .min(4_096)
    .max(4 * 1024 * 1024),
  /** Bytes of one material's file. */
  attachmentBytes: z
    .number()
    .int()
    .min(1_024)
    .max(100 * 1024 * 1024),
  /** Revision ids in a written revision's `_revisions` (PouchDB keeps 1,000 by default). */
  revisions: z.number().int().min(10).max(10_000),
});
export type WriteBounds = z.infer<typeof writeBoundsSchema>;

/** Defaults: a case of 1,000 events fits in 1 MiB with room to spare; files as the materials page allows. */
export const DEFAULT_WRITE_BOUNDS: WriteBounds = {
  caseBytes: 1024 * 1024,
  caseEvents: 1_000,
  docBytes: 64 * 1024,
  attachmentBytes: 10 * 1024 * 1024,
  revisions: 1_000,
};

/** Media types a material's file may have. */
export const ATTACHMENT_TYPES: readonly string[] = MATERIAL_TYPES;

import { z } from 'zod';
import { applicantSchema, type IdType } from './case.js';
import { envelopeSchema } from './envelope.js';
import { sha256Hex } from './write-rule/sha256-hex.js';

/** 一表一库: a resident's or company's details, kept once at the node and reused for the next case. */
export const residentDocSchema = envelopeSchema.extend({
  type: z.literal('resident'),
  applicant: applicantSchema,
});
export type ResidentDoc = z.infer<typeof residentDocSchema>;

/**
 * The document id of a person or company in one hall's register: a hash, so ids in logs and URLs
 * reveal no ID number, and per hall, so two halls never write over each other's record.
 */
export async function residentDocId(org: string, idType: IdType, idNumber: string): Promise<string> {
  return `resident:${(await sha256Hex(`${org}|${idType}:${idNumber}`)).slice(0, 32)}`;
}

import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';

/** GB/T 39046 行使层级 codes: 4 district, 5 street, 6 community. */
export const levelSchema = z.union([z.literal(4), z.literal(5), z.literal(6)]);
export type Level = z.infer<typeof levelSchema>;

export const orgKindSchema = z.enum(['center', 'street', 'community', 'department']);
export type OrgKind = z.infer<typeof orgKindSchema>;

export const organisationSchema = envelopeSchema.extend({
  type: z.literal('organisation'),
  path: orgPathSchema,
  name: z.string().min(1).max(100),
  level: levelSchema,
  kind: orgKindSchema,
  address: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const orgDocId = (path: string) => `org:${path}`;

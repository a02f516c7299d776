import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';
import { rightSchema } from './rights.js';

/** Who receives a grant: an organisation, a role at one, or one person at one. */
export const granteeSchema = z.union([
  z.strictObject({ org: orgPathSchema }),
  z.strictObject({ org: orgPathSchema, role: z.enum(['clerk', 'back-office', 'director', 'supervisor', 'admin']) }),
  z.strictObject({ org: orgPathSchema, account: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,59}$/) }),
]);
export type Grantee = z.infer<typeof granteeSchema>;

/** What a grant says; signed by its grantor as a JWS, so it verifies offline wherever it is replicated. */
export const grantPayloadSchema = z.strictObject({
  v: z.literal(1),
  grantor: orgPathSchema,
  grantee: granteeSchema,
  subtree: orgPathSchema,
  rights: z.array(rightSchema).min(1).max(20),
  /** Matter categories (1–15) the rights are limited to; absent means all. */
  categories: z.array(z.number().int().min(1).max(15)).min(1).optional(),
  /** Departments whose approvals the rights are limited to; absent means all. */
  departments: z.array(orgPathSchema).min(1).optional(),
  nbf: z.number().int(),
  exp: z.number().int(),
  /** The id (hash) of the grant this one narrows; null for a grant by the district root. */
  parent: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  jti: z.uuid(),
});
export type GrantPayload = z.infer<typeof grantPayloadSchema>;

/** A grant as replicated: the signed JWS, and its payload repeated for reading (the JWS is what counts). */
export const grantDocSchema = envelopeSchema.extend({
  type: z.literal('grant'),
  grantId: z.string().regex(/^[0-9a-f]{64}$/),
  jws: z.string().min(20).max(20_000),
  payload: grantPayloadSchema,
});
export type GrantDoc = z.infer<typeof grantDocSchema>;

export const grantDocId = (grantId: string) => `grant:${grantId}`;

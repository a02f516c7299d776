import { z } from 'zod';
import { orgPathSchema } from './org-path.js';
import { proofSchema } from './signature.js';

/** Document types every node receives, whatever its place in the tree. */
export const PUBLIC_TYPES = [
  'organisation',
  'matter',
  'category',
  'calendar',
  'jwks',
  'certificate',
  'revocation',
  'grant',
  'settings',
  // The district's register of electronic licences: no personal data, so every hall verifies offline.
  'licence',
  // That an admin changed a member of staff: every node pulls the void tokens at once (no personal data).
  'staff-change',
] as const;

export const docTypeSchema = z.enum([
  ...PUBLIC_TYPES,
  'case',
  'resident',
  'material',
  'notice',
  'rating',
  'report',
  'queue-summary',
  'matter-draft',
  'booking',
]);
export type DocType = z.infer<typeof docTypeSchema>;

/** Who wrote a document or an event: a person (clerk, resident) or a node, always with the node it happened at. */
export const actorSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(100).optional(),
  org: orgPathSchema,
});
export type Actor = z.infer<typeof actorSchema>;

/** The envelope every replicated document carries; the gateway filters and checks on it alone. */
export const envelopeSchema = z.object({
  _id: z.string().min(1).max(300),
  _rev: z.string().optional(),
  type: docTypeSchema,
  scope: orgPathSchema,
  parties: z.array(orgPathSchema).min(1).max(50),
  author: actorSchema,
  at: z.iso.datetime({ offset: true }),
  /** Signature of the node that wrote this revision; which types need one is the write rule's (sync/write-rule/). */
  proof: proofSchema.optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export function isPublicType(type: string): boolean {
  return (PUBLIC_TYPES as readonly string[]).includes(type);
}

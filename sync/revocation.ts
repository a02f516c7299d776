import { z } from 'zod';
import { certSerialSchema } from './certificate.js';
import { envelopeSchema, type Actor } from './envelope.js';

const base = {
  reason: z.string().min(1).max(500),
  revokedAt: z.iso.datetime({ offset: true }),
};

/** A revocation of a node certificate (by its serial) or of a grant (by its id). */
export const revocationSchema = z.discriminatedUnion('what', [
  envelopeSchema.extend({
    type: z.literal('revocation'),
    what: z.literal('certificate'),
    target: certSerialSchema,
    ...base,
  }),
  envelopeSchema.extend({
    type: z.literal('revocation'),
    what: z.literal('grant'),
    target: z.string().regex(/^[A-Za-z0-9:._-]{1,200}$/, 'must be a grant id'),
    ...base,
  }),
]);
export type RevocationDoc = z.infer<typeof revocationSchema>;

/**
 * One id per target: a second revocation of the same thing becomes a conflicting revision of the
 * first instead of another document, and whichever revision wins still says "revoked".
 */
export const revocationDocId = (what: 'certificate' | 'grant', target: string) => `revocation:${what}:${target}`;

/** The revocation `author` writes at the node of `org`, revoking `target` from `at` on, for `reason`. */
export function revocationDoc(
  what: RevocationDoc['what'],
  target: string,
  o: { org: string; author: Actor; reason: string; at: string },
): RevocationDoc {
  return {
    _id: revocationDocId(what, target),
    type: 'revocation',
    scope: o.org,
    parties: [o.org],
    author: o.author,
    at: o.at,
    what,
    target,
    reason: o.reason,
    revokedAt: o.at,
  } as RevocationDoc;
}

import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';
import { levelSchema } from './organisation.js';
import { keyIdSchema } from './signature.js';

/** A certificate serial as lowercase hex octets (at most 20, RFC 5280 §4.1.2.2). */
export const certSerialSchema = z.string().regex(/^([0-9a-f]{2}){1,20}$/, 'must be lowercase hex octets');

const onePem = z
  .string()
  .max(8000)
  .regex(
    /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/,
    'must be one PEM certificate',
  );

/**
 * A node certificate, replicated to every node so each can check its neighbours' chains — and
 * the signatures on what they wrote — offline. The hub publishes the chain of every node it admits.
 * The fields repeat what `certPem` says so nodes can index them; whoever accepts the document must
 * check that they match the certificate, which remains the only authority.
 */
export const certificateSchema = envelopeSchema.extend({
  type: z.literal('certificate'),
  org: orgPathSchema,
  level: levelSchema,
  name: z.string().min(1).max(100).optional(),
  serial: certSerialSchema,
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256'),
  /** The key id events and proofs signed with this certificate's key name (sync/signature.ts). */
  kid: keyIdSchema,
  certPem: onePem,
  /**
   * A district's root as a city publishes it (跨区通办): the city root's certification of that root
   * (identity/pki `crossCertify`). A hall of another district takes the root only with it, checked
   * against the city root its own district pinned at enrolment.
   */
  cityCertPem: onePem.optional(),
  issuerOrg: orgPathSchema,
  notAfter: z.iso.datetime({ offset: true }),
});
export type CertificateDoc = z.infer<typeof certificateSchema>;

export const certificateDocId = (serial: string) => `certificate:${serial}`;

/**
 * Whether a certificate document is a district's root as a city publishes it (跨区通办): a district
 * (a single slug) certified from outside itself, by the city. Halls verify other districts' halls from it.
 */
export function isDistrictRootDoc(doc: { org?: unknown; issuerOrg?: unknown }): boolean {
  return (
    typeof doc.org === 'string' &&
    typeof doc.issuerOrg === 'string' &&
    !doc.org.includes('/') &&
    doc.issuerOrg !== doc.org &&
    !doc.issuerOrg.startsWith(`${doc.org}/`)
  );
}

import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { actorSchema, envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';
import { proofSchema } from './signature.js';
import { sha256Hex } from './write-rule/sha256-hex.js';
import type { IdType } from './case.js';

/** A licence number (证照编号): upper-case letters, digits and dashes. */
export const licenceNumberSchema = z.string().regex(/^[A-Z0-9-]{8,40}$/, 'not a licence number / 证照编号无效');

/** The holder's key of a licence: 128 random bits, hex. Kept on the case and with the holder, never in the public record. */
export const licenceKeySchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a licence key / 证照密钥无效');

/** A licence type as the catalogue names it (`disability-card`). */
export const licenceTypeSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/)
  .max(40);

/** What the issuing node's seal (电子印章) covers: everything the licence states at issue. */
const sealedFields = {
  number: licenceNumberSchema,
  licenceType: licenceTypeSchema,
  licenceName: z.string().min(1).max(60),
  matterCode: z.string().min(1).max(50),
  caseId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/),
  issuer: orgPathSchema,
  issuerName: z.string().min(1).max(100),
  holderKind: z.enum(['person', 'company']),
  /** SHA-256 over the holder's key and ID: binds the licence to its holder without naming him. */
  holder: z.string().regex(/^[0-9a-f]{64}$/),
  issuedAt: z.iso.datetime({ offset: true }),
  /** Absent: valid without limit (长期有效). */
  validUntil: z.iso.datetime({ offset: true }).optional(),
};

/**
 * An electronic licence (电子证照) in the district's public register: replicated to every node,
 * without personal data, sealed by the node that issued it, so any hall verifies it offline and
 * sees its revocation. Who holds it is provable only with the holder's key (on his case).
 */
export const licenceDocSchema = envelopeSchema.extend({
  type: z.literal('licence'),
  ...sealedFields,
  seal: proofSchema,
  revoked: z
    .object({ at: z.iso.datetime({ offset: true }), reason: z.string().min(1).max(300), by: actorSchema })
    .optional(),
});
export type LicenceDoc = z.infer<typeof licenceDocSchema>;

/** The fields a licence's seal covers. */
export type SealedLicence = Pick<LicenceDoc, keyof typeof sealedFields>;

export const licenceDocId = (number: string) => `licence:${number}`;

/** The bytes the issuing node seals: the licence as issued, bound to the sealing key. */
export function licenceSealInput(doc: SealedLicence, kid: string): string {
  const sealed: Record<string, unknown> = {};
  for (const k of Object.keys(sealedFields)) sealed[k] = (doc as Record<string, unknown>)[k];
  return canonicalJson({ v: 1, kid, licence: sealed });
}

/** The holder commitment of a licence: SHA-256 over its key and the holder's ID. */
export function licenceHolderDigest(key: string, holder: { idType: IdType; idNumber: string }): Promise<string> {
  return sha256Hex(canonicalJson({ v: 1, key, idType: holder.idType, idNumber: holder.idNumber }));
}

/** Why a licence is not in force at `at`, as its record says (the seal is the verifier's to check). */
export type LicenceLapse = 'ERR_LICENCE_REVOKED' | 'ERR_LICENCE_EXPIRED' | 'ERR_LICENCE_NOT_YET_VALID';

/** Whether the licence is revoked, expired or not yet issued at `at`. */
export function licenceLapse(
  doc: Pick<LicenceDoc, 'revoked' | 'issuedAt' | 'validUntil'>,
  at: string | Date,
): LicenceLapse | undefined {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (doc.revoked && Date.parse(doc.revoked.at) <= t) return 'ERR_LICENCE_REVOKED';
  if (doc.validUntil !== undefined && Date.parse(doc.validUntil) < t) return 'ERR_LICENCE_EXPIRED';
  if (Date.parse(doc.issuedAt) > t) return 'ERR_LICENCE_NOT_YET_VALID';
  return undefined;
}

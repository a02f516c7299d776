import { z } from 'zod';

/** The id of a node's signing key: the SHA-256 of its public key (SPKI DER), lowercase hex. */
export const keyIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a key id (64 lowercase hex)');

/**
 * An RSA-SHA256 (PKCS #1 v1.5) signature, base64url, or one input's share of a batch signature:
 * the root's signature, the input's salt and its path up to the root (sync/batch-signature.ts).
 */
export const signatureSchema = z
  .string()
  .regex(
    /^(?:[A-Za-z0-9_-]{16,1400}|b1\.[A-Za-z0-9_-]{16,1400}\.[A-Za-z0-9_-]{22}(?:\.[lr][A-Za-z0-9_-]{43}){1,16})$/,
    'must be a base64url signature, or a batch signature (b1.<signature>.<salt>.<path>)',
  );

/**
 * A document's proof of who wrote its current revision: the writing node's key id and its
 * signature over the document (sync/doc-proof.ts says exactly what is covered).
 */
export const proofSchema = z.strictObject({ kid: keyIdSchema, sig: signatureSchema });
export type Proof = z.infer<typeof proofSchema>;

import { z } from 'zod';
import { envelopeSchema } from './envelope.js';

/** A public ES256 verification key as JWK: never a private part. */
const publicJwkSchema = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().min(40).max(50),
    y: z.string().min(40).max(50),
    kid: z.string().min(1).max(100),
    alg: z.literal('ES256').optional(),
    use: z.literal('sig').optional(),
  })
  .strict();

/** The identity service's public keys, replicated to every node so tokens verify offline. */
export const jwksDocSchema = envelopeSchema.extend({
  type: z.literal('jwks'),
  issuer: z.string().min(1).max(200),
  keys: z.array(publicJwkSchema).min(1).max(10),
});
export type JwksDoc = z.infer<typeof jwksDocSchema>;

export const JWKS_DOC_ID = 'jwks:identity';

/** The city's identity keys (跨区通办: one resident account for the city), replicated down to every district beside its own. */
export const CITY_JWKS_DOC_ID = 'jwks:city';

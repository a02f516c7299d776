// The CouchDB protocol's query and body shapes; a request is checked with sync's parseOrThrow.
import { z } from 'zod';

/** A revision as CouchDB and PouchDB write it: generation, dash, hash. */
export const revSchema = z.string().regex(/^[1-9]\d{0,8}-[0-9a-zA-Z]{1,64}$/, 'not a revision');

/** A replicated document id (the envelope's bound); ids starting with `_` are never documents. */
export const docIdSchema = z.string().min(1).max(300);

/** A CouchDB boolean query parameter. */
export const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A non-negative integer query parameter. */
export const intParam = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a non-negative integer')
  .transform(Number);

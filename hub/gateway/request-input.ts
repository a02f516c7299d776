import type { Context } from 'hono';
import { z } from 'zod';
import { HallnetError } from '../../sync/index.js';

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

/** A JSON-encoded query parameter (`startkey="a"`, `open_revs=[…]`). */
export function jsonParam<T extends z.ZodType>(inner: T) {
  return z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

/** Parses one input with its schema, turning every failure into a 400 that names the fields. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: i.path.join('.') || what, reason: i.message }));
  throw new HallnetError('ERR_VALIDATION', `${what}: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`, { issues });
}

/** Reads the request body as JSON and checks it; a body that is not JSON is a 400 too. */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HallnetError('ERR_MALFORMED_JSON', undefined, { cause: err });
  }
  return parseInput(schema, value, 'body');
}

import { z } from 'zod';
import type { DocType } from '../envelope.js';
import { docSchemaOf } from '../validate-doc.js';

/** The store's own members a replicated revision may carry beside its type's fields. */
const STORE_FIELDS: ReadonlySet<string> = new Set([
  '_id',
  '_rev',
  '_revisions',
  '_attachments',
  '_deleted',
  '_conflicts',
]);

/**
 * The first top-level field of `raw` that its type's schema does not name (undefined: none).
 * A schema parse drops such fields silently, so without this a genuine node could store junk in
 * any document it may write, up to the size bound, and every hall would replicate it. A union
 * type (rating, revocation, report) is held to the fields of the variant the document is.
 */
export function strayField(type: DocType, raw: Record<string, unknown>): string | undefined {
  const known = fieldsOf(docSchemaOf(type), raw);
  return Object.keys(raw).find((key) => !STORE_FIELDS.has(key) && !known.has(key));
}

function fieldsOf(schema: z.ZodType, raw: Record<string, unknown>): ReadonlySet<string> {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodUnion) {
    const variant = (schema.options as z.ZodType[]).find((option) => option.safeParse(raw).success);
    return variant ? fieldsOf(variant, raw) : new Set();
  }
  throw new Error(`no top-level fields known for a schema of type ${schema.def.type}`);
}

/**
 * The path (`actor.junk`, `library.0.junk`) of the first field of `raw` that its parse `parsed`
 * dropped, at any depth (undefined: none). For what is written now, such as a case's new events:
 * a field the schema drops is also outside what a signature over the parsed form covers.
 */
export function strayPath(raw: unknown, parsed: unknown): string | undefined {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    for (const [i, item] of raw.entries()) {
      const inner = strayPath(item, parsed[i]);
      if (inner) return `${i}.${inner}`;
    }
    return undefined;
  }
  if (!isRecord(raw) || !isRecord(parsed)) return undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(parsed, key)) return key;
    const inner = strayPath(value, parsed[key]);
    if (inner) return `${key}.${inner}`;
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

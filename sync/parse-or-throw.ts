import type { z } from 'zod';
import { HallnetError, type ErrorCode } from './errors.js';

/**
 * Parses `value` with `schema`, or throws a HallnetError listing every field and its reason —
 * the one way hallnet turns zod's complaints into a 4xx (or a config error) at any boundary.
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, opts: { where?: string; code?: ErrorCode } = {}): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: [...(opts.where ? [opts.where] : []), ...i.path].join('.'), reason: i.message }));
  throw new HallnetError(opts.code ?? 'ERR_VALIDATION', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), { issues });
}

import { z } from 'zod';

/** A string that holds JSON (a query parameter, a secret), parsed and then checked with `inner`. */
export function jsonString<T extends z.ZodType>(inner: T) {
  return z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON / 不是合法的 JSON' });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

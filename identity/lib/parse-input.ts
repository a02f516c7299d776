import type { z } from 'zod';
import { parseOrThrow } from '../../sync/index.js';

export { readJson } from '../../sync/index.js';

/** Validates `value` with zod; throws ERR_VALIDATION naming each field with the reason in English and Chinese. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.infer<T> {
  return parseOrThrow(schema, value, { where });
}

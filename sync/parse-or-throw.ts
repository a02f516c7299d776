import type { z } from 'zod';
import { HallnetError, type ErrorCode } from './errors.js';

// zod's own messages are English only; each reason goes back as "english / 中文".
const zhByCode: Record<string, string> = {
  invalid_type: '类型不对',
  too_small: '太短或太小',
  too_big: '太长或太大',
  invalid_format: '格式不对',
  invalid_value: '取值不在允许范围内',
  unrecognized_keys: '含有不认识的字段',
  invalid_union: '不符合任何一种允许的形式',
  custom: '无效',
};

/** The Chinese for a length or size limit, with the limit itself: 最多 100 个字, 不能为空. */
function limitZh(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return undefined;
  const big = issue.code === 'too_big';
  const n = Number(big ? issue.maximum : issue.minimum);
  if (!Number.isFinite(n)) return undefined;
  switch (issue.origin) {
    case 'string':
      return big ? `最多 ${n} 个字` : n <= 1 ? '不能为空' : `至少 ${n} 个字`;
    case 'array':
    case 'set':
      return big ? `最多 ${n} 项` : `至少 ${n} 项`;
    case 'number':
    case 'int':
    case 'bigint':
      return big ? `不能大于 ${n}` : `不能小于 ${n}`;
    default:
      return undefined;
  }
}

function bilingual(issue: z.core.$ZodIssue): string {
  if (issue.message.includes(' / ')) return issue.message;
  return `${issue.message} / ${limitZh(issue) ?? zhByCode[issue.code] ?? '无效'}`;
}

/**
 * Parses `value` with `schema`, or throws a HallnetError listing every field and its reason in
 * English and Chinese — the one way hallnet turns zod's complaints into a 4xx (or a config error)
 * at any boundary.
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  opts: { where?: string; code?: ErrorCode } = {},
): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw validationError(r.error, opts);
}

/** zod's complaints as the HallnetError parseOrThrow throws: each field (under `where`) with its bilingual reason. */
export function validationError(
  error: z.ZodError,
  opts: { where?: string | undefined; code?: ErrorCode } = {},
): HallnetError {
  const issues = error.issues.map((i) => ({
    field: [...(opts.where ? [opts.where] : []), ...i.path.map(String)].join('.'),
    reason: bilingual(i),
  }));
  return new HallnetError(opts.code ?? 'ERR_VALIDATION', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), {
    issues,
  });
}

/** A request body as JSON; throws ERR_MALFORMED_JSON for an empty or broken body. */
export async function readJson(c: { req: { text(): Promise<string> } }): Promise<unknown> {
  const text = await c.req.text();
  if (!text)
    throw new HallnetError('ERR_MALFORMED_JSON', 'empty body', {
      issues: [{ field: 'body', reason: 'empty / 请求体为空' }],
    });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HallnetError('ERR_MALFORMED_JSON', (err as Error).message, {
      issues: [{ field: 'body', reason: 'not valid JSON / 不是合法的 JSON' }],
    });
  }
}

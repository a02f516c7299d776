import type { Context } from 'hono';
import type { z } from 'zod';
import { HallnetError } from '../../sync/index.js';

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

function bilingual(issue: z.core.$ZodIssue): string {
  if (issue.message.includes(' / ')) return issue.message;
  return `${issue.message} / ${zhByCode[issue.code] ?? '无效'}`;
}

/** Validates `value` with zod; throws ERR_VALIDATION naming each field with the reason in English and Chinese. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), reason: bilingual(i) }));
  throw new HallnetError('ERR_VALIDATION', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), { issues });
}

/** The request body as JSON; throws ERR_MALFORMED_JSON for an empty or broken body. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text) throw new HallnetError('ERR_MALFORMED_JSON', 'empty body', { issues: [{ field: 'body', reason: 'empty / 请求体为空' }] });
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HallnetError('ERR_MALFORMED_JSON', (err as Error).message, { issues: [{ field: 'body', reason: 'not valid JSON / 不是合法的 JSON' }] });
  }
}

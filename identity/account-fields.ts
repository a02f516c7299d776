import { z } from 'zod';
import { residentIdProblem } from '../sync/index.js';

// Reasons are written "english / 中文" because they go back to the caller as they are.

/** A person's real name as on the ID card: 1 to 50 characters, no control characters. */
export const realNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty / 不能为空')
  .max(50, 'at most 50 characters / 不超过 50 个字符')
  .regex(/^[^\p{C}]+$/u, 'must not hold control characters / 不能含控制字符');

/** A mainland mobile number: 11 digits starting with 1. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number / 须为 11 位手机号码');

/** An 18-character resident ID number with a valid birth date and check digit; `x` becomes `X`. */
export const idNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((s, ctx) => {
    const problem = residentIdProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem} / 身份证号码无效` });
  });

/** A staff account name: lower-case letters, digits, `.`, `_`, `-`; 2 to 60 characters. */
export const staffAccountSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,59}$/,
    'must be 2-60 lower-case letters, digits, ".", "_" or "-" / 须为 2-60 位小写字母、数字或 . _ -',
  );

/** A new password: 8 to 128 characters. */
export const newPasswordSchema = z
  .string()
  .min(8, 'at least 8 characters / 至少 8 个字符')
  .max(128, 'at most 128 characters / 不超过 128 个字符');

/** A password as typed at login: only bounded, never judged (old rules may have allowed others). */
export const loginPasswordSchema = z
  .string()
  .min(1, 'must not be empty / 不能为空')
  .max(128, 'at most 128 characters / 不超过 128 个字符');

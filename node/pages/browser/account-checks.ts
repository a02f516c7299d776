// The rules identity/account-fields.ts holds a new account to, checked on the page first so each
// field's problem shows under it before anything is sent (a resident's SMS code included).
import type { IdType } from '../../../sync/case.js';
import { residentIdProblem } from '../../../sync/id-number.js';
import type { FieldProblem } from './field-errors.js';

type Check = (value: string) => string | undefined;

const PERMIT_RULE = '5–20 位字母或数字';
/** What a valid number of each ID type looks like, said when one is not: a company code has no birth date. */
export const ID_NUMBER_RULE: Record<IdType, string> = {
  'resident-id': '18 位，出生日期和末位校验码须正确',
  passport: PERMIT_RULE,
  'hk-macao-permit': PERMIT_RULE,
  'taiwan-permit': PERMIT_RULE,
  uscc: '18 位数字或大写字母（不含 I、O、S、V、Z），末位校验码须正确',
};

export const realName: Check = (v) => (!v ? '不能为空' : v.length > 50 ? '不超过 50 个字符' : undefined);
export const residentId: Check = (v) =>
  !v ? '不能为空' : residentIdProblem(v) ? `无效，请核对（${ID_NUMBER_RULE['resident-id']}）` : undefined;
export const mobile: Check = (v) => (/^1[3-9]\d{9}$/.test(v) ? undefined : '须为 11 位手机号码');
export const newPassword: Check = (v) =>
  v.length < 8 ? '至少 8 个字符' : v.length > 128 ? '不超过 128 个字符' : undefined;
export const staffAccount: Check = (v) =>
  /^[a-z0-9][a-z0-9._-]{1,59}$/.test(v) ? undefined : '须为 2-60 位小写字母、数字或 . _ -';

/** The problems of the fields given as `[field, value, check]`, by the API's field names. */
export function checkFields(fields: readonly [string, string, Check][]): FieldProblem[] {
  return fields.flatMap(([field, value, check]) => {
    const reason = check(value);
    return reason ? [{ field, reason }] : [];
  });
}

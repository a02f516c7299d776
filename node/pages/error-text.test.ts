import { describe, expect, it } from 'vitest';
import { errorText } from './browser/api.js';

const answer = (message: string, ...reasons: string[]) => ({
  status: 409,
  body: { error: { code: 'X', message: { zh: message }, issues: reasons.map((reason) => ({ field: 'f', reason })) } },
});

describe('errorText, the pages’ API errors in Chinese', () => {
  it('gives the message, then the Chinese half of each reason', () => {
    expect(errorText(answer('输入有误', 'at least 8 characters / 至少 8 个字符'))).toBe('输入有误：至少 8 个字符');
  });

  it('says a message once when a reason restates it and goes on', () => {
    expect(
      errorText(answer('配对码错误或已过期', 'wrong or expired pairing code / 配对码错误或已过期，请工作人员重新获取')),
    ).toBe('配对码错误或已过期，请工作人员重新获取');
    expect(
      errorText(
        answer(
          '您已有同一事项正在办理的申请',
          'case Q3AHSHHHPC2 is open / 您已有同一事项正在办理的申请（查询码 Q3AHSHHHPC2），请勿重复申请',
        ),
      ),
    ).toBe('您已有同一事项正在办理的申请（查询码 Q3AHSHHHPC2），请勿重复申请');
  });
});

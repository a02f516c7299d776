// 重设密码: a member of staff sets a new password with the code his admin had sent to his phone.
import { STAFF_PASSWORD_PAGE as P } from '../ids/staff-ids.js';
import { api, errorText } from './api.js';
import { byId, say } from './dom.js';

byId(P.form).addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {
    account: byId(P.account).value.trim(),
    code: byId(P.code).value.trim(),
    password: byId(P.password).value,
  };
  if (!body.account || !body.code || !body.password) return say(byId(P.msg), '请填写账号、验证码和新密码');
  const answer = await api('/identity/staff/password', { method: 'POST', body });
  if (!answer.ok) return say(byId(P.msg), errorText(answer));
  byId(P.password).value = '';
  say(byId(P.msg), '新密码已设置。请用新密码登录；本站离线时，同步后新密码生效。', 'ok');
});

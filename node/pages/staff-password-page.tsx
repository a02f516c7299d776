import { STAFF_PASSWORD_PAGE as P } from './ids/staff-ids.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/staff/password` 重设密码 (browser/staff-password.ts): a clerk sets a new password with the code his admin sent to his phone. */
export function StaffPasswordPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="重设密码" nav="staff" scripts={['staff-password']}>
      <section class="card">
        <h2>工作人员重设密码</h2>
        <p class="muted">管理员发送重置后，验证码会发到您登记的手机，请在短信注明的时间内使用。</p>
        <form id={P.form} novalidate>
          <div class="form-row">
            <div class="field">
              <label for={P.account}>账号</label>
              <input id={P.account} type="text" autocomplete="username" spellcheck={false} maxlength={60} required />
            </div>
            <div class="field narrow">
              <label for={P.code}>短信验证码</label>
              <input id={P.code} type="text" inputmode="numeric" maxlength={6} autocomplete="one-time-code" required />
            </div>
          </div>
          <div class="form-row">
            <div class="field">
              <label for={P.password}>新密码（至少 8 位）</label>
              <input id={P.password} type="password" autocomplete="new-password" maxlength={128} required />
            </div>
          </div>
          <button type="submit">设置新密码</button>
        </form>
        <div id={P.msg} hidden />
      </section>
    </Layout>
  );
}

import { CLERK_LOGIN } from './ids/shared-ids.js';

/**
 * The clerk's login form and signed-in bar, shared by every staff page; browser/clerk-session.ts shows
 * one or the other and keeps the token from /api/auth/staff-login in sessionStorage.
 */
export function ClerkLogin({ title = '窗口人员登录' }: { title?: string }) {
  return (
    <>
      <noscript>
        <p class="message message-error">本页需要启用浏览器的 JavaScript。</p>
      </noscript>
      <section id={CLERK_LOGIN.clerkLogin} class="card login-card" aria-labelledby={CLERK_LOGIN.clerkLoginTitle} hidden>
        <h2 id={CLERK_LOGIN.clerkLoginTitle}>{title}</h2>
        <p id={CLERK_LOGIN.clerkLoginNote} class="muted">
          使用本站工作人员账号登录。本站与区级平台断开时同样可以登录。
        </p>
        <form id={CLERK_LOGIN.clerkLoginForm} novalidate>
          <div class="field">
            <label for={CLERK_LOGIN.clerkAccount}>账号</label>
            <input
              id={CLERK_LOGIN.clerkAccount}
              name="account"
              type="text"
              autocomplete="username"
              autocapitalize="off"
              spellcheck={false}
              required
            />
          </div>
          <div class="field">
            <label for={CLERK_LOGIN.clerkPassword}>密码</label>
            <input
              id={CLERK_LOGIN.clerkPassword}
              name="password"
              type="password"
              autocomplete="current-password"
              required
            />
          </div>
          <div id={CLERK_LOGIN.clerkLoginMsg} hidden />
          <button type="submit">登录</button>
        </form>
      </section>
      <div id={CLERK_LOGIN.clerkBar} class="clerk-bar no-print" hidden>
        <span>
          当前登录：
          <strong id={CLERK_LOGIN.clerkName} />
        </span>
        <button type="button" id={CLERK_LOGIN.clerkLogout} class="secondary">
          退出登录
        </button>
      </div>
      <p id={CLERK_LOGIN.clerkNoRight} hidden />
    </>
  );
}

/**
 * The clerk's login form and signed-in bar, shared by every staff page; clerk-session.js shows
 * one or the other and keeps the token from /api/auth/staff-login in sessionStorage.
 */
export function ClerkLogin({ title = '窗口人员登录' }: { title?: string }) {
  return (
    <>
      <noscript>
        <p class="message message-error">本页需要启用浏览器的 JavaScript。</p>
      </noscript>
      <section id="clerk-login" class="card login-card" aria-labelledby="clerk-login-title" hidden>
        <h2 id="clerk-login-title">{title}</h2>
        <p class="muted">使用本站工作人员账号登录。本站与区级平台断开时同样可以登录。</p>
        <form id="clerk-login-form" novalidate>
          <div class="field">
            <label for="clerk-account">账号</label>
            <input id="clerk-account" name="account" type="text" autocomplete="username" autocapitalize="off" spellcheck={false} required />
          </div>
          <div class="field">
            <label for="clerk-password">密码</label>
            <input id="clerk-password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <div id="clerk-login-msg" hidden />
          <button type="submit">登录</button>
        </form>
      </section>
      <div id="clerk-bar" class="clerk-bar no-print" hidden>
        <span>
          当前登录：<strong id="clerk-name" />
        </span>
        <button type="button" id="clerk-logout" class="secondary">
          退出登录
        </button>
      </div>
    </>
  );
}

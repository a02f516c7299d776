import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/portal`: the resident portal on a phone. Signed out it offers login and sign-up (through the
 * node's /identity relay); signed in, the resident's own cases and a guide search (portal.js).
 */
export function PortalPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="居民服务" nav="portal" variant="phone" scripts={['portal.js']}>
      <noscript>
        <p class="message message-error">本页需要启用浏览器的 JavaScript。</p>
      </noscript>
      <section id="resident-auth" class="card" aria-label="登录或注册" hidden>
        <p class="muted">一次登录，全区各服务大厅通用。</p>
        <div class="tabs" role="tablist" aria-label="登录或注册">
          <button type="button" role="tab" id="tab-login" aria-controls="panel-login" aria-selected="true">
            登录
          </button>
          <button type="button" role="tab" id="tab-signup" aria-controls="panel-signup" aria-selected="false" tabindex={-1}>
            注册
          </button>
        </div>
        <div id="auth-msg" hidden />
        <form id="panel-login" role="tabpanel" aria-labelledby="tab-login" novalidate>
          <div class="field">
            <label for="login-id">手机号或身份证号</label>
            <input id="login-id" type="text" autocomplete="username" inputmode="text" required />
          </div>
          <div class="field">
            <label for="login-password">密码</label>
            <input id="login-password" type="password" autocomplete="current-password" required />
          </div>
          <button type="submit">登录</button>
        </form>
        <form id="panel-signup" role="tabpanel" aria-labelledby="tab-signup" novalidate hidden>
          <div class="field">
            <label for="su-name">真实姓名</label>
            <input id="su-name" type="text" autocomplete="name" required />
          </div>
          <div class="field">
            <label for="su-id">居民身份证号</label>
            <input id="su-id" type="text" autocomplete="off" maxlength={18} required />
          </div>
          <div class="field">
            <label for="su-phone">手机号码</label>
            <input id="su-phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength={11} required />
          </div>
          <div class="field">
            <label for="su-password">
              密码 <span class="hint">（至少 8 位）</span>
            </label>
            <input id="su-password" type="password" autocomplete="new-password" minlength={8} required />
          </div>
          <button type="submit">注册并登录</button>
        </form>
      </section>

      <div id="resident-home" hidden>
        <section class="card" aria-labelledby="hello">
          <h2 id="hello" />
          <p class="muted" id="hello-detail" />
          <button type="button" id="resident-logout" class="secondary">
            退出登录
          </button>
        </section>
        <section class="card" aria-labelledby="my-cases-title">
          <h2 id="my-cases-title">我的办件</h2>
          <div id="my-cases-msg" hidden />
          <div id="my-cases" aria-live="polite" />
        </section>
        <section class="card" aria-labelledby="portal-guide-title">
          <h2 id="portal-guide-title">办事指南与网上申请</h2>
          <form id="portal-search" role="search" aria-label="搜索事项">
            <div class="field">
              <label for="portal-q">想办什么事？</label>
              <input id="portal-q" type="search" placeholder="如：残疾人证、低保、居住证" />
            </div>
            <button type="submit">搜索</button>
          </form>
          <ul id="portal-results" class="result-list" aria-live="polite" />
        </section>
      </div>
    </Layout>
  );
}

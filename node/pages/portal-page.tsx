import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { PORTAL_PAGE } from './ids/portal-ids.js';

/**
 * `/portal`: the resident portal on a phone. Signed out it offers login and sign-up with a code
 * sent to the phone (through the node's /identity relay); signed in, the resident's own cases
 * across the district (or this hall's, and why), where to get verified in person if he is not yet,
 * booking an appointment at this or any other hall of the district (browser/portal-booking.ts) and a guide search (browser/portal.ts).
 */
export function PortalPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="居民服务" nav="portal" variant="phone" scripts={['portal']}>
      <noscript>
        <p class="message message-error">本页需要启用浏览器的 JavaScript。</p>
      </noscript>
      <section id={PORTAL_PAGE.residentAuth} class="card" aria-label="登录或注册" hidden>
        <p class="muted">一次登录，全区各服务大厅通用。</p>
        <div class="tabs" role="tablist" aria-label="登录或注册">
          <button
            type="button"
            role="tab"
            id={PORTAL_PAGE.tabLogin}
            aria-controls={PORTAL_PAGE.panelLogin}
            aria-selected="true"
          >
            登录
          </button>
          <button
            type="button"
            role="tab"
            id={PORTAL_PAGE.tabSignup}
            aria-controls={PORTAL_PAGE.panelSignup}
            aria-selected="false"
            tabindex={-1}
          >
            注册
          </button>
        </div>
        <div id={PORTAL_PAGE.authMsg} hidden />
        <form id={PORTAL_PAGE.panelLogin} role="tabpanel" aria-labelledby={PORTAL_PAGE.tabLogin} novalidate>
          <div class="field">
            <label for={PORTAL_PAGE.loginId}>手机号或身份证号</label>
            <input id={PORTAL_PAGE.loginId} type="text" autocomplete="username" inputmode="text" required />
          </div>
          <div class="field">
            <label for={PORTAL_PAGE.loginPassword}>密码</label>
            <input id={PORTAL_PAGE.loginPassword} type="password" autocomplete="current-password" required />
          </div>
          <button type="submit">登录</button>
        </form>
        <form id={PORTAL_PAGE.panelSignup} role="tabpanel" aria-labelledby={PORTAL_PAGE.tabSignup} novalidate hidden>
          <div class="field">
            <label for={PORTAL_PAGE.suName}>真实姓名</label>
            <input id={PORTAL_PAGE.suName} type="text" autocomplete="name" required />
          </div>
          <div class="field">
            <label for={PORTAL_PAGE.suId}>居民身份证号</label>
            <input id={PORTAL_PAGE.suId} type="text" autocomplete="off" maxlength={18} required />
          </div>
          <div class="field">
            <label for={PORTAL_PAGE.suPhone}>手机号码</label>
            <input id={PORTAL_PAGE.suPhone} type="tel" inputmode="numeric" autocomplete="tel" maxlength={11} required />
          </div>
          {/* The password above the code: the page checks every field above it before it sends a code. */}
          <div class="field">
            <label for={PORTAL_PAGE.suPassword}>
              密码 <span class="hint">（至少 8 位）</span>
            </label>
            <input id={PORTAL_PAGE.suPassword} type="password" autocomplete="new-password" minlength={8} required />
          </div>
          <div class="code-row">
            <div class="field">
              <label for={PORTAL_PAGE.suCode}>
                短信验证码 <span class="hint">（6 位数字）</span>
              </label>
              <input
                id={PORTAL_PAGE.suCode}
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                maxlength={6}
                required
              />
            </div>
            <button type="button" id={PORTAL_PAGE.suSendCode} class="secondary">
              获取验证码
            </button>
          </div>
          <button type="submit">注册并登录</button>
        </form>
      </section>

      <div id={PORTAL_PAGE.residentHome} hidden>
        <section class="card" aria-labelledby={PORTAL_PAGE.hello}>
          <h2 id={PORTAL_PAGE.hello} />
          <p class="muted" id={PORTAL_PAGE.helloDetail} />
          <p>
            <a href="/portal/licences">我的电子证照和材料</a>
          </p>
          <button type="button" id={PORTAL_PAGE.residentLogout} class="secondary">
            退出登录
          </button>
        </section>
        <section id={PORTAL_PAGE.verifyCard} class="card" aria-labelledby={PORTAL_PAGE.verifyTitle} hidden>
          <h2 id={PORTAL_PAGE.verifyTitle}>请到窗口办理实名核验</h2>
          <p>
            您的身份尚未经工作人员当面核验，因此这里只显示您本人网上提交的办件。核验后，您在全区任一服务大厅办理的办件都会显示在这里。
          </p>
          <p>请到以下任一服务大厅的综合窗口办理：</p>
          <ul id={PORTAL_PAGE.verifyHalls} class="plain" />
          <p>
            请携带：
            <span id={PORTAL_PAGE.verifyBring} />
          </p>
        </section>
        <section class="card" aria-labelledby={PORTAL_PAGE.myCasesTitle}>
          <h2 id={PORTAL_PAGE.myCasesTitle}>我的办件</h2>
          <div id={PORTAL_PAGE.myCasesReach} hidden />
          <div id={PORTAL_PAGE.myCasesMsg} hidden />
          <div id={PORTAL_PAGE.myCases} aria-live="polite" />
        </section>
        <section class="card" aria-labelledby={PORTAL_PAGE.bookTitle}>
          <h2 id={PORTAL_PAGE.bookTitle}>预约办事</h2>
          <p class="muted" id={PORTAL_PAGE.bookHall}>
            预约到 {ctx.orgName}{' '}
            或全区任一服务大厅办理。到大厅后在取号机点“已预约？预约签到”，刷身份证或输入手机号即可，到预约时间优先叫号。
          </p>
          <form id={PORTAL_PAGE.bookForm} novalidate>
            <div class="field">
              <label for={PORTAL_PAGE.bookHallSelect}>服务大厅</label>
              <select id={PORTAL_PAGE.bookHallSelect} required>
                <option value="">本大厅（{ctx.orgName}）</option>
              </select>
            </div>
            <div class="field">
              <label for={PORTAL_PAGE.bookCategory}>业务类别</label>
              <select id={PORTAL_PAGE.bookCategory} required />
            </div>
            <div class="field">
              <label for={PORTAL_PAGE.bookMatter}>办理事项</label>
              <select id={PORTAL_PAGE.bookMatter} required />
            </div>
            <div class="field">
              <label for={PORTAL_PAGE.bookDate}>日期</label>
              <select id={PORTAL_PAGE.bookDate} required />
            </div>
            <fieldset id={PORTAL_PAGE.bookSlots} class="field">
              <legend>时段</legend>
              <div id={PORTAL_PAGE.bookSlotList} class="slot-list" />
            </fieldset>
            <div id={PORTAL_PAGE.bookMsg} hidden />
            <button type="submit" id={PORTAL_PAGE.bookButton}>
              预约
            </button>
          </form>
          <h3 id={PORTAL_PAGE.myAppointmentsTitle}>我的预约</h3>
          <div id={PORTAL_PAGE.myAppointments} aria-live="polite" />
          <p class="muted">
            这里显示本站保存的预约：在本站提交的、预约到本站的，以及本站所辖大厅的。在其他大厅提交并预约其他大厅的，请到这两个大厅之一查看；大厅确认或不能预约时，会短信通知您。
          </p>
        </section>
        <section class="card" aria-labelledby={PORTAL_PAGE.portalGuideTitle}>
          <h2 id={PORTAL_PAGE.portalGuideTitle}>办事指南与网上申请</h2>
          <form id={PORTAL_PAGE.portalSearch} role="search" aria-label="搜索事项">
            <div class="field">
              <label for={PORTAL_PAGE.portalQ}>想办什么事？</label>
              <input id={PORTAL_PAGE.portalQ} type="search" placeholder="如：残疾人证、低保、居住证" />
            </div>
            <button type="submit">搜索</button>
          </form>
          <ul id={PORTAL_PAGE.portalResults} class="result-list" aria-live="polite" />
        </section>
      </div>
    </Layout>
  );
}

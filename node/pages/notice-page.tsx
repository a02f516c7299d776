import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { NOTICE_PAGE } from './ids/desk-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';

/** `/window/notice/:id`: the printable acceptance notice (受理通知书), filled by browser/notice.ts from /api/cases/:id. */
export function NoticePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout ctx={ctx} title="受理通知书" nav="window" scripts={['notice']} data={{ caseId }}>
      <ClerkLogin />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={NOTICE_PAGE.noticeMsg} hidden />
        <div class="actions no-print">
          <button type="button" id={NOTICE_PAGE.printNotice} hidden>
            打印受理通知书
          </button>
          <a class="button secondary" href="/window">
            继续受理
          </a>
          <a
            class="button secondary"
            id={NOTICE_PAGE.noticeCaseLink}
            href={`/window/cases/${encodeURIComponent(caseId)}`}
          >
            查看办件
          </a>
        </div>
        <article id={NOTICE_PAGE.notice} class="notice" aria-labelledby={NOTICE_PAGE.noticeTitle} hidden>
          <h2 id={NOTICE_PAGE.noticeTitle}>受理通知书</h2>
          <p class="notice-no" id={NOTICE_PAGE.noticeNo} />
          <p>
            <strong id={NOTICE_PAGE.noticeApplicant} />：
          </p>
          <p id={NOTICE_PAGE.noticeBody} />
          <div class="notice-code">
            <div>办件查询码</div>
            <div id={NOTICE_PAGE.noticeCode} class="query-code" />
            <div class="muted">凭此查询码可在任一政务服务大厅或“办件查询”页面查询办理进度。</div>
          </div>
          <table>
            <tbody id={NOTICE_PAGE.noticeTable} />
          </table>
          <p id={NOTICE_PAGE.noticeMakeup} class="message message-warn" hidden />
          <p class="notice-sign">
            <span id={NOTICE_PAGE.noticeOrg} />
            （盖章）
            <br />
            <span id={NOTICE_PAGE.noticeDate} />
          </p>
        </article>
      </div>
    </Layout>
  );
}

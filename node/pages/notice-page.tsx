import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/window/notice/:id`: the printable acceptance notice (受理通知书), filled by notice.js from /api/cases/:id. */
export function NoticePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout ctx={ctx} title="受理通知书" nav="window" scripts={['notice.js']} data={{ caseId }}>
      <ClerkLogin />
      <div id="clerk-area" hidden>
        <div id="notice-msg" hidden />
        <div class="actions no-print">
          <button type="button" id="print-notice">
            打印受理通知书
          </button>
          <a class="button secondary" href="/window">
            继续受理
          </a>
          <a class="button secondary" id="notice-case-link" href={`/window/cases/${encodeURIComponent(caseId)}`}>
            查看办件
          </a>
        </div>
        <article id="notice" class="notice" aria-labelledby="notice-title" hidden>
          <h2 id="notice-title">受理通知书</h2>
          <p class="notice-no" id="notice-no" />
          <p>
            <strong id="notice-applicant" />：
          </p>
          <p id="notice-body" />
          <div class="notice-code">
            <div>办件查询码</div>
            <div id="notice-code" class="query-code" />
            <div class="muted">凭此查询码可在任一政务服务大厅或“办件查询”页面查询办理进度。</div>
          </div>
          <table>
            <tbody id="notice-table" />
          </table>
          <p id="notice-makeup" class="message message-warn" hidden />
          <p class="notice-sign">
            <span id="notice-org" />（盖章）
            <br />
            <span id="notice-date" />
          </p>
        </article>
      </div>
    </Layout>
  );
}

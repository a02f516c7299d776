import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { STATUS_PAGE } from './ids/desk-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import type { NodeWarning } from '../node-warnings.js';
import { NodeWarningsPanel } from './node-warnings-panel.js';

/** `/status`: the node's own state for its staff (browser/status.ts polls /api/status). */
export function StatusPage({ ctx, warnings }: { ctx: PageContext; warnings: readonly NodeWarning[] }) {
  return (
    <Layout ctx={ctx} title="节点状态" nav="status" scripts={['status']}>
      <NodeWarningsPanel warnings={warnings} />
      <ClerkLogin title="工作人员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={STATUS_PAGE.statusMsg} hidden />
        <div class="grid-tiles">
          <div class="tile">
            <strong>与区级平台</strong>
            <span id={STATUS_PAGE.stConnection} class="stat" aria-live="polite">
              …
            </span>
            <span id={STATUS_PAGE.stConnectionDetail} />
          </div>
          <div class="tile">
            <strong>待上传文档</strong>
            <span id={STATUS_PAGE.stWaiting} class="stat" />
            <span>本站产生、尚未送达区级平台的更改</span>
          </div>
          <div class="tile">
            <strong>被拒文档</strong>
            <span id={STATUS_PAGE.stRefused} class="stat" />
            <span>区级平台拒收的文档，见下表</span>
          </div>
          <div class="tile">
            <strong>本站数据</strong>
            <span id={STATUS_PAGE.stCases} class="stat" />
            <span id={STATUS_PAGE.stMatters} />
          </div>
        </div>
        <div class="grid-2">
          <section class="card" aria-labelledby={STATUS_PAGE.stSyncTitle}>
            <h2 id={STATUS_PAGE.stSyncTitle}>同步</h2>
            <dl id={STATUS_PAGE.stSync} class="facts" />
          </section>
          <section class="card" aria-labelledby={STATUS_PAGE.stCertTitle}>
            <h2 id={STATUS_PAGE.stCertTitle}>节点证书</h2>
            <dl id={STATUS_PAGE.stCert} class="facts" />
          </section>
        </div>
        <section class="card" aria-labelledby={STATUS_PAGE.stRefusedTitle}>
          <h2 id={STATUS_PAGE.stRefusedTitle}>被拒文档</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">文档</th>
                  <th scope="col">原因</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody id={STATUS_PAGE.stRefusedBody} />
            </table>
          </div>
        </section>
        <section class="card" aria-labelledby={STATUS_PAGE.stIntegrityTitle}>
          <h2 id={STATUS_PAGE.stIntegrityTitle}>未采信的记录</h2>
          <p class="muted">
            本站收到、但签名或职责校验未通过的办件事件，不计入办件状态；以及不属于本站辖区的办件。请报区中心督查。
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">办件</th>
                  <th scope="col">事件</th>
                  <th scope="col">经办单位</th>
                  <th scope="col">原因</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody id={STATUS_PAGE.stIntegrityBody} />
            </table>
          </div>
        </section>
        <p class="muted">每 3 秒自动刷新。</p>
      </div>
    </Layout>
  );
}

import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/status`: the node's own state for its staff (status.js polls /api/status). */
export function StatusPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="节点状态" nav="status" scripts={['status.js']}>
      <ClerkLogin />
      <div id="clerk-area" hidden>
        <div id="status-msg" hidden />
        <div class="grid-tiles">
          <div class="tile">
            <strong>与区级平台</strong>
            <span id="st-connection" class="stat" aria-live="polite">
              …
            </span>
            <span id="st-connection-detail" />
          </div>
          <div class="tile">
            <strong>待上传文档</strong>
            <span id="st-waiting" class="stat" />
            <span>本站产生、尚未送达区级平台的更改</span>
          </div>
          <div class="tile">
            <strong>被拒文档</strong>
            <span id="st-refused" class="stat" />
            <span>区级平台拒收的文档，见下表</span>
          </div>
          <div class="tile">
            <strong>本站数据</strong>
            <span id="st-cases" class="stat" />
            <span id="st-matters" />
          </div>
        </div>
        <div class="grid-2">
          <section class="card" aria-labelledby="st-sync-title">
            <h2 id="st-sync-title">同步</h2>
            <dl id="st-sync" class="facts" />
          </section>
          <section class="card" aria-labelledby="st-cert-title">
            <h2 id="st-cert-title">节点证书</h2>
            <dl id="st-cert" class="facts" />
          </section>
        </div>
        <section class="card" aria-labelledby="st-refused-title">
          <h2 id="st-refused-title">被拒文档</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">文档</th>
                  <th scope="col">原因</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody id="st-refused-body" />
            </table>
          </div>
        </section>
        <p class="muted">每 3 秒自动刷新。</p>
      </div>
    </Layout>
  );
}

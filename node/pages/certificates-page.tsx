import { ClerkLogin } from './clerk-login.js';
import { CERTIFICATES_PAGE as P } from './ids/certificate-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/certificates` 证书管理 (browser/certificates.ts), at the district centre: its admins list the
 * district's node certificates and revoke one whose key is lost or stolen. Every action is the
 * API's (/api/certificates), which answers the centre's admins alone.
 */
export function CertificatesPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="证书管理" nav="certificates" scripts={['certificates']}>
      <ClerkLogin title="管理员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={P.msg} hidden />
        <section class="card">
          <h2>本区节点证书</h2>
          <p class="muted">
            每个服务站、部门后台的节点凭本区签发的证书与区级平台同步。站点私钥丢失或被盗时，在此吊销其证书：吊销后该站点无法同步，其工作人员无法登录，且不可撤回；恢复服务须为该站点重新签发证书。
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">机构</th>
                  <th scope="col">证书序列号</th>
                  <th scope="col">有效期至</th>
                  <th scope="col">状态</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody id={P.body} />
            </table>
          </div>
        </section>
        <section class="card" id={P.revokeCard} hidden aria-labelledby={P.revokeTitle}>
          <h2 id={P.revokeTitle}>吊销证书</h2>
          <div class="form-row">
            <div class="field">
              <label for={P.reason}>吊销原因（记入审计记录）</label>
              <textarea id={P.reason} maxlength={500} rows={3} required />
            </div>
          </div>
          <div class="actions">
            <button type="button" id={P.revoke}>
              吊销
            </button>
            <button type="button" class="secondary" id={P.cancel}>
              取消
            </button>
          </div>
        </section>
      </div>
    </Layout>
  );
}

/** `/certificates` at any other node: certificates are the district's, managed at its centre. */
export function CertificatesAtCenterPage({ ctx, centerName }: { ctx: PageContext; centerName: string }) {
  return (
    <Layout ctx={ctx} title="证书管理">
      <section class="card">
        <p id={P.atCenterOnly} class="message message-info">
          {`节点证书由${centerName}（区政务服务中心）统一签发和吊销，本站不管理证书：站点私钥丢失或被盗，请联系${centerName}的管理员在其“证书管理”页吊销。本站证书的状态可在`}
          <a href="/status">节点状态</a>查看。
        </p>
      </section>
    </Layout>
  );
}

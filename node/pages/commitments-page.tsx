import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { COMMITMENTS_PAGE as P } from './ids/office-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';

/**
 * `/office/commitments`: 告知承诺 核查 — the cases this office holds whose applicant's commitments
 * wait for their check, overdue and nearest deadlines first (browser/commitments.ts from
 * /api/commitments), each with the form that records what the check found. Found untrue, the
 * result is revoked with its licences and the applicant is told by SMS.
 */
export function CommitmentsPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="告知承诺核查" nav="office" scripts={['commitments']}>
      <ClerkLogin title="工作人员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <p class="no-print">
          <a href="/office">← 返回后台审批</a>
        </p>
        <p id={P.checkOffice} class="muted" />
        <div id={P.checkMsg} hidden />
        <section class="card" aria-labelledby={P.checkTitle}>
          <h2 id={P.checkTitle}>待核查的告知承诺</h2>
          <p class="muted">
            申请人以告知承诺代替的材料，须在核查期限前核实。核查属实的记为“属实”；与实际不符的记为“不实”，办理结果随即撤销（电子证照同时吊销），并短信告知申请人。
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">核查期限</th>
                  <th scope="col">查询码</th>
                  <th scope="col">事项名称</th>
                  <th scope="col">申请人</th>
                  <th scope="col">承诺代替的材料</th>
                  <th scope="col">记录核查结果</th>
                </tr>
              </thead>
              <tbody id={P.checkBody} />
            </table>
          </div>
          <p id={P.checkEmpty} class="muted" hidden>
            没有待核查的告知承诺。
          </p>
        </section>
      </div>
    </Layout>
  );
}

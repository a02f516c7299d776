import { CloseCard, ExtendCard, ForwardCard, ReturnCard, StagesCard, WhyCard } from './case-flow-cards.js';
import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { OFFICE_CASE_PAGE } from './ids/office-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';

/**
 * `/office/cases/:id`: a case as the back office works it (browser/office-case.ts): the stages with each
 * department's task, starting the next stage (the coordination desk's 全程代办), this department's
 * approval or refusal with its reason, return for materials, extension, completion, forwarding, 退件.
 */
export function OfficeCasePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout ctx={ctx} title="办件审批" nav="office" scripts={['office-case']} styles={['flow.css']} data={{ caseId }}>
      <ClerkLogin title="工作人员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <p class="no-print">
          <a href="/office">← 返回后台审批</a>
        </p>
        <div id={OFFICE_CASE_PAGE.caseMsg} hidden />
        <div class="grid-2" id={OFFICE_CASE_PAGE.caseView} hidden>
          <div>
            <section class="card" aria-labelledby={OFFICE_CASE_PAGE.caseTitle}>
              <h2 id={OFFICE_CASE_PAGE.caseTitle} />
              <dl id={OFFICE_CASE_PAGE.caseFacts} class="facts" />
            </section>
            <section class="card" aria-labelledby={OFFICE_CASE_PAGE.caseTimelineTitle}>
              <h2 id={OFFICE_CASE_PAGE.caseTimelineTitle}>办理过程</h2>
              <div id={OFFICE_CASE_PAGE.caseTimeline} />
            </section>
          </div>
          <div>
            <section
              class="card decision-card"
              aria-labelledby={OFFICE_CASE_PAGE.decisionTitle}
              id={OFFICE_CASE_PAGE.decisionCard}
              hidden
            >
              <h2 id={OFFICE_CASE_PAGE.decisionTitle}>本部门审批</h2>
              <p id={OFFICE_CASE_PAGE.decisionStage} class="muted" />
              <form id={OFFICE_CASE_PAGE.decisionForm} novalidate>
                <div class="field">
                  <label for={OFFICE_CASE_PAGE.decisionText}>
                    审批意见 <span class="hint">（通过可不填；不予通过须写明原因，办件随即终止）</span>
                  </label>
                  <textarea id={OFFICE_CASE_PAGE.decisionText} rows={3} maxlength={500} />
                </div>
                <div class="actions">
                  <button type="submit" value="approved" id={OFFICE_CASE_PAGE.approveButton}>
                    审批通过
                  </button>
                  <button type="submit" value="declined" class="danger" id={OFFICE_CASE_PAGE.declineButton}>
                    不予通过
                  </button>
                </div>
              </form>
            </section>
            <WhyCard />
            <StagesCard startable={true} />
            <ReturnCard />
            <ExtendCard />
            <section
              class="card no-print"
              aria-labelledby={OFFICE_CASE_PAGE.officeCompleteTitle}
              id={OFFICE_CASE_PAGE.officeCompleteCard}
              hidden
            >
              <h2 id={OFFICE_CASE_PAGE.officeCompleteTitle}>办结</h2>
              <form id={OFFICE_CASE_PAGE.officeCompleteForm} class="form-row" novalidate>
                <div class="field">
                  <label for={OFFICE_CASE_PAGE.officeCompleteResult}>
                    办理结果 <span class="hint">（选填）</span>
                  </label>
                  <input
                    id={OFFICE_CASE_PAGE.officeCompleteResult}
                    type="text"
                    maxlength={500}
                    placeholder="如：准予许可，证件已制作，请到受理窗口领取"
                  />
                </div>
                <div class="field auto">
                  <button type="submit" id={OFFICE_CASE_PAGE.officeCompleteButton}>
                    办结
                  </button>
                </div>
              </form>
            </section>
            <ForwardCard />
            <CloseCard />
          </div>
        </div>
      </div>
    </Layout>
  );
}

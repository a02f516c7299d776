import { ForwardCard, StagesCard } from './case-flow-cards.js';
import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/office/cases/:id`: a case as the back office works it (office-case.js): the stages with each
 * department's task, starting the next stage (the coordination desk's 全程代办), this department's
 * approval or refusal with its reason, return for materials, extension, completion, forwarding.
 */
export function OfficeCasePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout ctx={ctx} title="办件审批" nav="office" scripts={['office-case.js']} styles={['flow.css']} data={{ caseId }}>
      <ClerkLogin title="工作人员登录" />
      <div id="clerk-area" hidden>
        <p class="no-print">
          <a href="/office">← 返回后台审批</a>
        </p>
        <div id="case-msg" hidden />
        <div class="grid-2" id="case-view" hidden>
          <div>
            <section class="card" aria-labelledby="case-title">
              <h2 id="case-title" />
              <dl id="case-facts" class="facts" />
            </section>
            <section class="card" aria-labelledby="case-timeline-title">
              <h2 id="case-timeline-title">办理过程</h2>
              <div id="case-timeline" />
            </section>
          </div>
          <div>
            <section class="card decision-card" aria-labelledby="decision-title" id="decision-card" hidden>
              <h2 id="decision-title">本部门审批</h2>
              <p id="decision-stage" class="muted" />
              <form id="decision-form" novalidate>
                <div class="field">
                  <label for="decision-text">
                    审批意见 <span class="hint">（通过可不填；不予通过须写明原因，办件随即终止）</span>
                  </label>
                  <textarea id="decision-text" rows={3} maxlength={500} />
                </div>
                <div class="actions">
                  <button type="submit" value="approved" id="approve-button">
                    审批通过
                  </button>
                  <button type="submit" value="declined" class="danger" id="decline-button">
                    不予通过
                  </button>
                </div>
              </form>
            </section>
            <StagesCard startable={true} />
            <section class="card no-print" aria-labelledby="return-title" id="return-card" hidden>
              <h2 id="return-title">退回补正</h2>
              <p class="hint">退回受理窗口，由申请人补交材料；等待期间暂停计时，补齐后顺延承诺办结时间。</p>
              <form id="return-form" novalidate>
                <div class="field">
                  <label for="return-to">退回至</label>
                  <select id="return-to" />
                </div>
                <fieldset>
                  <legend>需要补交的材料</legend>
                  <ul id="return-materials" class="checklist" />
                </fieldset>
                <div class="field">
                  <label for="return-note">补正说明（一次性告知，将短信通知申请人）</label>
                  <textarea id="return-note" rows={2} maxlength={500} required />
                </div>
                <button type="submit" class="secondary" id="return-button">
                  退回补正
                </button>
              </form>
            </section>
            <section class="card no-print" aria-labelledby="extend-title" id="extend-card" hidden>
              <h2 id="extend-title">延长办理时限（特别程序）</h2>
              <form id="extend-form" class="form-row" novalidate>
                <div class="field xnarrow">
                  <label for="extend-days">工作日</label>
                  <input id="extend-days" type="text" inputmode="numeric" maxlength={2} />
                </div>
                <div class="field">
                  <label for="extend-reason">原因</label>
                  <input id="extend-reason" type="text" maxlength={500} placeholder="如：需组织专家评审" />
                </div>
                <div class="field auto">
                  <button type="submit" class="secondary" id="extend-button">
                    延长
                  </button>
                </div>
              </form>
            </section>
            <section class="card no-print" aria-labelledby="office-complete-title" id="office-complete-card" hidden>
              <h2 id="office-complete-title">办结</h2>
              <form id="office-complete-form" class="form-row" novalidate>
                <div class="field">
                  <label for="office-complete-result">
                    办理结果 <span class="hint">（选填）</span>
                  </label>
                  <input id="office-complete-result" type="text" maxlength={500} placeholder="如：准予许可，证件已制作，请到受理窗口领取" />
                </div>
                <div class="field auto">
                  <button type="submit" id="office-complete-button">
                    办结
                  </button>
                </div>
              </form>
            </section>
            <ForwardCard />
          </div>
        </div>
      </div>
    </Layout>
  );
}

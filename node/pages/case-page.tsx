import { DeliveryCard, ForwardCard, StagesCard, SupplementCard } from './case-flow-cards.js';
import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/window/cases/:id`: one case, its timeline and the actions a clerk can take (case.js); its way
 * through the offices — stages, forwarding, make-up of a return, delivery and pick-up (case-flow.js).
 */
export function CasePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout ctx={ctx} title="办件详情" nav="cases" scripts={['case.js', 'case-flow.js', 'rating-offer.js']} styles={['flow.css']} data={{ caseId }}>
      <ClerkLogin />
      <div id="clerk-area" hidden>
        <div id="case-msg" hidden />
        <div class="grid-2" id="case-view" hidden>
          <div>
            <section class="card" aria-labelledby="case-title">
              <h2 id="case-title" />
              <dl id="case-facts" class="facts" />
              <p class="no-print">
                <a id="case-notice" href="#">
                  补打受理通知书
                </a>
              </p>
            </section>
          </div>
          <div id="case-actions">
            <section class="card" aria-labelledby="makeup-title" id="makeup-card" hidden>
              <h2 id="makeup-title">容缺材料补正</h2>
              <p id="makeup-due" class="muted" />
              <p class="hint">容缺材料全部补齐后才能办结。</p>
              <ul id="makeup-list" class="result-list" />
            </section>
            <section class="card" aria-labelledby="complete-title" id="complete-card" hidden>
              <h2 id="complete-title">办结</h2>
              <form id="complete-form">
                <div class="field">
                  <label for="complete-result">
                    办理结果 <span class="hint">（选填）</span>
                  </label>
                  <input id="complete-result" type="text" maxlength={500} placeholder="如：准予许可，证件已制作" />
                </div>
                <button type="submit">办结</button>
              </form>
            </section>
            <section class="card" aria-labelledby="close-title" id="close-card" hidden>
              <h2 id="close-title">退件或撤回</h2>
              <form id="close-form">
                <div class="field">
                  <label for="close-reason">原因</label>
                  <textarea id="close-reason" rows={2} maxlength={500} placeholder="退件须写明原因；申请人撤回可不填" />
                </div>
                <div class="actions">
                  <button type="submit" class="danger" value="rejected" id="reject-button">
                    不予受理/退件
                  </button>
                  <button type="submit" class="secondary" value="withdrawn" id="withdraw-button">
                    申请人撤回
                  </button>
                </div>
              </form>
            </section>
            <SupplementCard />
            <DeliveryCard />
            <ForwardCard />
            <StagesCard startable={false} />
            <section class="card" aria-labelledby="case-timeline-title">
              <h2 id="case-timeline-title">办理过程</h2>
              <div id="case-timeline" />
            </section>
          </div>
        </div>
      </div>
    </Layout>
  );
}

import {
  CloseCard,
  DeliveryCard,
  ExtendCard,
  ForwardCard,
  ReturnCard,
  StagesCard,
  SupplementCard,
  WhyCard,
} from './case-flow-cards.js';
import { ClerkLogin } from './clerk-login.js';
import { ReviewCard, ScansCard } from './review-cards.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { CASE_PAGE } from './ids/desk-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';

/**
 * `/window/cases/:id`: one case, its timeline and the actions a clerk can take (browser/case.ts); its way
 * through the offices — stages, forwarding, make-up of a return, delivery and pick-up (browser/case-flow.ts) —
 * and what the office holding it decides from here: the next stage, a return for materials, an extension
 * (browser/case-decisions.ts), with why any action is not offered now; the 预审 of an online application
 * and the files with their levels (browser/case-review.ts).
 */
export function CasePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout
      ctx={ctx}
      title="办件详情"
      nav="cases"
      scripts={['case', 'case-flow', 'case-review', 'rating-offer']}
      styles={['flow.css']}
      data={{ caseId }}
    >
      <ClerkLogin />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <p class="no-print">
          <a href="/window/cases">← 返回办件管理</a>
        </p>
        <div id={CASE_PAGE.caseMsg} hidden />
        <div class="grid-2" id={CASE_PAGE.caseView} hidden>
          <div>
            <section class="card" aria-labelledby={CASE_PAGE.caseTitle}>
              <h2 id={CASE_PAGE.caseTitle} />
              <dl id={CASE_PAGE.caseFacts} class="facts" />
              <p class="no-print">
                <a id={CASE_PAGE.caseNotice} href="#">
                  补打受理通知书
                </a>
              </p>
            </section>
          </div>
          <div id={CASE_PAGE.caseActions}>
            <ReviewCard />
            <section class="card" aria-labelledby={CASE_PAGE.makeupTitle} id={CASE_PAGE.makeupCard} hidden>
              <h2 id={CASE_PAGE.makeupTitle}>容缺材料补正</h2>
              <p id={CASE_PAGE.makeupDue} class="muted" />
              <p class="hint">容缺材料全部补齐后才能办结。</p>
              <ul id={CASE_PAGE.makeupList} class="result-list" />
            </section>
            <section class="card" aria-labelledby={CASE_PAGE.completeTitle} id={CASE_PAGE.completeCard} hidden>
              <h2 id={CASE_PAGE.completeTitle}>办结</h2>
              <form id={CASE_PAGE.completeForm}>
                <div class="field">
                  <label for={CASE_PAGE.completeResult}>
                    办理结果 <span class="hint">（选填）</span>
                  </label>
                  <input
                    id={CASE_PAGE.completeResult}
                    type="text"
                    maxlength={500}
                    placeholder="如：准予许可，证件已制作"
                  />
                </div>
                <button type="submit">办结</button>
              </form>
            </section>
            <CloseCard />
            <ScansCard />
            <SupplementCard />
            <DeliveryCard />
            <ForwardCard />
            <ReturnCard />
            <ExtendCard />
            <StagesCard startable={true} />
            <WhyCard />
            <section class="card" aria-labelledby={CASE_PAGE.caseTimelineTitle}>
              <h2 id={CASE_PAGE.caseTimelineTitle}>办理过程</h2>
              <div id={CASE_PAGE.caseTimeline} />
            </section>
          </div>
        </div>
      </div>
    </Layout>
  );
}

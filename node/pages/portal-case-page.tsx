import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { RatingForm } from './rating-form.js';
import { PORTAL_CASE_PAGE } from './ids/portal-ids.js';

/**
 * `/portal/cases/:id`: one of the resident's own cases — from this hall or, through the hub, from
 * any hall of the district — with the office responsible now, what is asked of him and its
 * timeline (browser/portal-case.ts, /api/my/cases/:id), and its rating once completed (browser/portal-rating.ts).
 */
export function PortalCasePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout
      ctx={ctx}
      title="我的办件"
      nav="portal"
      variant="phone"
      styles={['rating.css']}
      scripts={['portal-case', 'portal-rating']}
      data={{ caseId }}
    >
      <div id={PORTAL_CASE_PAGE.caseMsg} hidden />
      <section id={PORTAL_CASE_PAGE.caseCard} class="card" aria-labelledby={PORTAL_CASE_PAGE.caseTitle} hidden>
        <h2 id={PORTAL_CASE_PAGE.caseTitle} />
        <dl id={PORTAL_CASE_PAGE.caseFacts} class="facts" />
        <p id={PORTAL_CASE_PAGE.caseSource} class="muted" hidden />
      </section>
      <section id={PORTAL_CASE_PAGE.caseAsked} class="card" aria-labelledby={PORTAL_CASE_PAGE.askedTitle} hidden>
        <h2 id={PORTAL_CASE_PAGE.askedTitle}>需要您办理</h2>
        <ul id={PORTAL_CASE_PAGE.askedList} class="asked-list" />
      </section>
      <section id={PORTAL_CASE_PAGE.commitCard} class="card" aria-labelledby={PORTAL_CASE_PAGE.commitTitle} hidden>
        <h2 id={PORTAL_CASE_PAGE.commitTitle}>告知承诺</h2>
        <dl id={PORTAL_CASE_PAGE.commitFacts} class="facts" />
      </section>
      <section id={PORTAL_CASE_PAGE.ratingCard} class="card" aria-labelledby={PORTAL_CASE_PAGE.ratingTitle} hidden>
        <h2 id={PORTAL_CASE_PAGE.ratingTitle}>服务评价</h2>
        <p id={PORTAL_CASE_PAGE.ratingUntil} class="muted" />
        <p id={PORTAL_CASE_PAGE.ratingGiven} class="message message-info" hidden />
        <RatingForm />
      </section>
      <section id={PORTAL_CASE_PAGE.caseProgress} class="card" aria-labelledby={PORTAL_CASE_PAGE.progressTitle} hidden>
        <h2 id={PORTAL_CASE_PAGE.progressTitle}>办理进度</h2>
        <div id={PORTAL_CASE_PAGE.caseTimeline} />
      </section>
      <p>
        <a class="button secondary" href="/portal">
          返回我的办件
        </a>
      </p>
    </Layout>
  );
}

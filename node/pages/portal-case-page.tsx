import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { RatingForm } from './rating-form.js';

/** `/portal/cases/:id`: one of the resident's own cases with its timeline (portal-case.js, /api/my/cases/:id), and its rating once completed (portal-rating.js). */
export function PortalCasePage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout ctx={ctx} title="我的办件" nav="portal" variant="phone" styles={['rating.css']} scripts={['portal-case.js', 'portal-rating.js']} data={{ caseId }}>
      <div id="case-msg" hidden />
      <section id="case-card" class="card" aria-labelledby="case-title" hidden>
        <h2 id="case-title" />
        <dl id="case-facts" class="facts" />
      </section>
      <section id="case-outstanding" class="card" aria-labelledby="outstanding-title" hidden>
        <h2 id="outstanding-title">待补材料</h2>
        <p id="outstanding-due" />
        <ul id="outstanding-list" class="plain" />
      </section>
      <section id="rating-card" class="card" aria-labelledby="rating-title" hidden>
        <h2 id="rating-title">服务评价</h2>
        <p id="rating-until" class="muted" />
        <p id="rating-given" class="message message-info" hidden />
        <RatingForm />
      </section>
      <section id="case-progress" class="card" aria-labelledby="progress-title" hidden>
        <h2 id="progress-title">办理进度</h2>
        <div id="case-timeline" />
      </section>
      <p>
        <a class="button secondary" href="/portal">
          返回我的办件
        </a>
      </p>
    </Layout>
  );
}

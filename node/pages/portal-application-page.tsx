import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { PORTAL_APPLICATION_PAGE as P } from './ids/online-ids.js';

/**
 * `/portal/applications/:id`: the resident's online application — 预审 or its outcome, what the
 * clerk asked for and a file input for each (browser/portal-application.ts), the files he sent
 * with their trust level, and the link to the case's full timeline.
 */
export function PortalApplicationPage({ ctx, caseId }: { ctx: PageContext; caseId: string }) {
  return (
    <Layout
      ctx={ctx}
      title="我的网上申请"
      nav="portal"
      variant="phone"
      scripts={['portal-application']}
      data={{ caseId }}
    >
      <div id={P.appMsg} hidden />
      <section id={P.appCard} class="card" aria-labelledby={P.appTitle} hidden>
        <h2 id={P.appTitle} />
        <p id={P.appState} />
        <dl id={P.appFacts} class="facts" />
      </section>
      <section id={P.amendCard} class="card" aria-labelledby={P.amendTitle} hidden>
        <h2 id={P.amendTitle}>需要补充的材料</h2>
        <p id={P.amendNote} />
        <form id={P.amendForm} novalidate>
          <ul id={P.amendList} class="checklist upload-list" />
          <button type="submit" id={P.amendButton}>
            补传材料
          </button>
        </form>
      </section>
      {/* Shown with the application: an unknown one (or another resident's) has no files nor progress. */}
      <div id={P.appFound} hidden>
        <section class="card" aria-labelledby={P.filesTitle}>
          <h2 id={P.filesTitle}>已提交的材料</h2>
          <ul id={P.filesList} class="plain" />
        </section>
        <p>
          <a id={P.appCaseLink} class="button secondary" href="/portal">
            查看办理进度
          </a>
        </p>
      </div>
    </Layout>
  );
}

import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { RatingForm } from './rating-form.js';
import { RATING_LINK_PAGE } from './ids/portal-ids.js';

/** `/rate/:token`: the SMS link's page on the resident's phone (browser/rating-link.ts): what is rated, the five levels, thanks. */
export function RatingLinkPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <Layout
      ctx={ctx}
      title="服务评价"
      nav="portal"
      variant="phone"
      styles={['rating.css']}
      scripts={['rating-link']}
      data={{ token }}
    >
      <div id={RATING_LINK_PAGE.linkMsg} hidden />
      <section id={RATING_LINK_PAGE.linkCard} class="card" aria-labelledby={RATING_LINK_PAGE.linkTitle} hidden>
        <h2 id={RATING_LINK_PAGE.linkTitle} />
        <p id={RATING_LINK_PAGE.linkHall} class="muted" />
        <p id={RATING_LINK_PAGE.linkUntil} class="muted" />
        <RatingForm />
      </section>
      <section id={RATING_LINK_PAGE.linkDone} class="card" aria-labelledby={RATING_LINK_PAGE.doneTitle} hidden>
        <h2 id={RATING_LINK_PAGE.doneTitle} tabindex={-1}>
          感谢您的评价！
        </h2>
        <p>您的评价直接提交至区效能监察，我们将据此改进服务。</p>
      </section>
    </Layout>
  );
}

import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { RatingForm } from './rating-form.js';

/** `/rate/:token`: the SMS link's page on the resident's phone (rating-link.js): what is rated, the five levels, thanks. */
export function RatingLinkPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <Layout ctx={ctx} title="服务评价" nav="portal" variant="phone" styles={['rating.css']} scripts={['rating-link.js']} data={{ token }}>
      <div id="link-msg" hidden />
      <section id="link-card" class="card" aria-labelledby="link-title" hidden>
        <h2 id="link-title" />
        <p id="link-hall" class="muted" />
        <p id="link-until" class="muted" />
        <RatingForm />
      </section>
      <section id="link-done" class="card" aria-labelledby="done-title" hidden>
        <h2 id="done-title" tabindex={-1}>
          感谢您的评价！
        </h2>
        <p>您的评价直接提交至区效能监察，我们将据此改进服务。</p>
      </section>
    </Layout>
  );
}

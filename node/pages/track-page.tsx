import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/track`: 办件查询 by query code, open to anyone. track.js asks /api/track/:code, which answers
 * the status only and is rate-limited; nothing personal is on this page.
 */
export function TrackPage({ ctx, code, portal }: { ctx: PageContext; code: string; portal: boolean }) {
  return (
    <Layout ctx={ctx} title="办件查询" nav="track" variant={portal ? 'phone' : 'desk'} scripts={['track.js']}>
      <form id="track-form" class="card" method="get" action="/track" role="search" aria-label="按查询码查询办件">
        {portal ? <input type="hidden" name="from" value="portal" /> : null}
        <div class="form-row">
          <div class="field">
            <label for="track-code">
              查询码 <span class="hint">（受理通知书上的 11 位字母数字，不区分大小写）</span>
            </label>
            <input id="track-code" name="code" type="text" value={code} autocomplete="off" autocapitalize="characters" spellcheck={false} maxlength={20} required />
          </div>
          <div class="field narrow">
            <button type="submit">查询</button>
          </div>
        </div>
      </form>
      <div id="track-msg" hidden />
      <section id="track-result" class="card" aria-labelledby="track-title" hidden>
        <h2 id="track-title" />
        <dl id="track-facts" class="facts" />
        <h3>办理进度</h3>
        <div id="track-steps" />
      </section>
    </Layout>
  );
}

import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { TRACK_PAGE } from './ids/desk-ids.js';
import { LABELS } from './labels.js';

/**
 * `/track`: 办件查询 by query code, open to anyone, for any case of the district (the hall asks the
 * hub for cases it does not hold). browser/track.ts asks /api/track/:code, which answers the
 * status and public steps only and is rate-limited; nothing personal is on this page. It fits a
 * phone's width in either layout.
 */
export function TrackPage({ ctx, code, portal }: { ctx: PageContext; code: string; portal: boolean }) {
  const cutOff = ctx.link.state === 'offline';
  return (
    <Layout ctx={ctx} title="办件查询" nav="track" variant={portal ? 'phone' : 'desk'} scripts={['track']}>
      <form
        id={TRACK_PAGE.trackForm}
        class="card"
        method="get"
        action="/track"
        role="search"
        aria-label="按查询码查询办件"
      >
        {portal ? <input type="hidden" name="from" value="portal" /> : null}
        <p class="muted">可查询在本区任一政务服务大厅受理的办件。</p>
        <div class="form-row">
          <div class="field">
            <label for={TRACK_PAGE.trackCode}>
              查询码 <span class="hint">（受理通知书上的 11 位字母数字，不区分大小写）</span>
            </label>
            <input
              id={TRACK_PAGE.trackCode}
              name="code"
              type="text"
              value={code}
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxlength={20}
              required
            />
          </div>
          <div class="field narrow">
            <button type="submit">查询</button>
          </div>
        </div>
      </form>
      <p id={TRACK_PAGE.trackOffline} class="message message-warn" role="status" hidden={!cutOff}>
        {LABELS.cutOff.track}
      </p>
      <div id={TRACK_PAGE.trackMsg} hidden />
      <section id={TRACK_PAGE.trackResult} class="card" aria-labelledby={TRACK_PAGE.trackTitle} hidden>
        <h2 id={TRACK_PAGE.trackTitle} />
        <dl id={TRACK_PAGE.trackFacts} class="facts" />
        <h3>办理进度</h3>
        <div id={TRACK_PAGE.trackSteps} />
      </section>
    </Layout>
  );
}

import { FloorLayout } from './floor-layout.js';
import type { PageContext } from './page-context.js';
import { CALLING_SCREEN_PAGE } from './ids/floor-ids.js';

/**
 * `/queue/screen`: 叫号屏 for the hall's big TV, live from the Server-Sent Events feed
 * (browser/screen.ts). Silent calling: the screen and two SMS replace the loudspeaker, so it makes no
 * sound. Numbers and windows only, never a name.
 */
export function CallingScreenPage({ ctx }: { ctx: PageContext }) {
  return (
    <FloorLayout ctx={ctx} title="叫号屏" variant="screen" scripts={['screen']}>
      <h1 class="visually-hidden">叫号屏</h1>
      <div class="screen-grid">
        <section class="screen-now" aria-labelledby={CALLING_SCREEN_PAGE.nowTitle}>
          <h2 id={CALLING_SCREEN_PAGE.nowTitle} class="screen-label">
            正在叫号
          </h2>
          <div
            id={CALLING_SCREEN_PAGE.nowCall}
            class="screen-call"
            role="status"
            aria-live="assertive"
            aria-atomic="true"
          >
            <span class="screen-call-number" id={CALLING_SCREEN_PAGE.nowNumber}>
              —
            </span>
            <span class="screen-call-arrow" aria-hidden="true">
              →
            </span>
            <span class="screen-call-window" id={CALLING_SCREEN_PAGE.nowWindow}>
              请等候叫号
            </span>
            <span class="screen-call-kind" id={CALLING_SCREEN_PAGE.nowKind} />
          </div>
          <ol id={CALLING_SCREEN_PAGE.nextCalls} class="screen-next" aria-label="之前的叫号" />
          <h2 class="screen-label">窗口办理中</h2>
          <ul id={CALLING_SCREEN_PAGE.windows} class="screen-windows" aria-label="各窗口正在办理的号码" />
        </section>
        <aside class="screen-side">
          <section aria-labelledby={CALLING_SCREEN_PAGE.recentTitle}>
            <h2 id={CALLING_SCREEN_PAGE.recentTitle} class="screen-label">
              最近叫号
            </h2>
            <table class="screen-table">
              <thead>
                <tr>
                  <th scope="col">号码</th>
                  <th scope="col">窗口</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody id={CALLING_SCREEN_PAGE.recent} />
            </table>
          </section>
          <section aria-labelledby={CALLING_SCREEN_PAGE.waitingTitle}>
            <h2 id={CALLING_SCREEN_PAGE.waitingTitle} class="screen-label">
              各类业务等候人数
            </h2>
            <ul id={CALLING_SCREEN_PAGE.waiting} class="screen-waiting" />
          </section>
        </aside>
      </div>
      <footer class="screen-footer">
        <span>无声叫号：请留意本屏幕，登记手机号的市民将收到短信提醒 · 过号的市民可扫号票二维码在规定时间内补号</span>
        <span id={CALLING_SCREEN_PAGE.screenLink} class="screen-link" role="status">
          正在连接…
        </span>
      </footer>
    </FloorLayout>
  );
}

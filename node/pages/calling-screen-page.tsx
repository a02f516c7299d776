import { FloorLayout } from './floor-layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/queue/screen`: 叫号屏 for the hall's big TV, live from the Server-Sent Events feed
 * (screen.js). Silent calling: the screen and two SMS replace the loudspeaker, so it makes no
 * sound. Numbers and windows only, never a name.
 */
export function CallingScreenPage({ ctx }: { ctx: PageContext }) {
  return (
    <FloorLayout ctx={ctx} title="叫号屏" variant="screen" scripts={['screen.js']}>
      <h1 class="visually-hidden">叫号屏</h1>
      <div class="screen-grid">
        <section class="screen-now" aria-labelledby="now-title">
          <h2 id="now-title" class="screen-label">
            正在叫号
          </h2>
          <div id="now-call" class="screen-call" role="status" aria-live="assertive" aria-atomic="true">
            <span class="screen-call-number" id="now-number">
              —
            </span>
            <span class="screen-call-arrow" aria-hidden="true">
              →
            </span>
            <span class="screen-call-window" id="now-window">
              请等候叫号
            </span>
            <span class="screen-call-kind" id="now-kind" />
          </div>
          <ol id="next-calls" class="screen-next" aria-label="之前的叫号" />
          <h2 class="screen-label">窗口办理中</h2>
          <ul id="windows" class="screen-windows" aria-label="各窗口正在办理的号码" />
        </section>
        <aside class="screen-side">
          <section aria-labelledby="recent-title">
            <h2 id="recent-title" class="screen-label">
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
              <tbody id="recent" />
            </table>
          </section>
          <section aria-labelledby="waiting-title">
            <h2 id="waiting-title" class="screen-label">
              各类业务等候人数
            </h2>
            <ul id="waiting" class="screen-waiting" />
          </section>
        </aside>
      </div>
      <footer class="screen-footer">
        <span>无声叫号：请留意本屏幕，登记手机号的市民将收到短信提醒 · 过号的市民可扫号票二维码在规定时间内补号</span>
        <span id="screen-link" class="screen-link" role="status">
          正在连接…
        </span>
      </footer>
    </FloorLayout>
  );
}

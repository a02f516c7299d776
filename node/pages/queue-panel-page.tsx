import { ClerkLogin } from './clerk-login.js';
import { hasHallFloor } from './hall-floor.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { QUEUE_PANEL_PAGE } from './ids/floor-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import { NoFloorNote } from './no-floor-note.js';

/**
 * `/window/queue`: the window clerk's queue panel (browser/queue-panel.ts). Open a window, call the next
 * number, recall, mark a no-show, transfer, park and resume, finish, close; live from the hall's
 * screen feed. The director's window setup is one link away.
 */
export function QueuePanelPage({ ctx }: { ctx: PageContext }) {
  // A department keeps no floor: the note says where its work is, and no login leads to a panel it has not.
  if (!hasHallFloor(ctx.kind))
    return (
      <Layout ctx={ctx} title="叫号面板" nav="queue">
        <NoFloorNote ctx={ctx} />
      </Layout>
    );
  return (
    <Layout ctx={ctx} title="叫号面板" nav="queue" scripts={['queue-panel']} styles={['flow.css']}>
      <ClerkLogin />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={QUEUE_PANEL_PAGE.queueMsg} hidden />
        <p class="no-print">
          <a id={QUEUE_PANEL_PAGE.setupOnlyLink} class="button secondary" href="/window/queue/setup" hidden>
            窗口设置
          </a>
        </p>
        <div class="grid-2 queue-grid" id={QUEUE_PANEL_PAGE.queueGrid}>
          <div>
            <section class="card" aria-labelledby={QUEUE_PANEL_PAGE.openTitle} id={QUEUE_PANEL_PAGE.openCard} hidden>
              <h2 id={QUEUE_PANEL_PAGE.openTitle}>开启窗口</h2>
              <p class="muted">选择您所在的窗口。开启后由您在该窗口叫号，下班或离开时请关闭窗口。</p>
              <ul id={QUEUE_PANEL_PAGE.openList} class="result-list" aria-label="本厅窗口" />
              <p id={QUEUE_PANEL_PAGE.openEmpty} class="message message-info" hidden>
                本厅还没有设置窗口，请大厅负责人在“窗口设置”中添加。
              </p>
            </section>

            <section
              class="card my-window"
              aria-labelledby={QUEUE_PANEL_PAGE.mineTitle}
              id={QUEUE_PANEL_PAGE.mineCard}
              hidden
            >
              <div class="my-window-head">
                <h2 id={QUEUE_PANEL_PAGE.mineTitle} />
                <span id={QUEUE_PANEL_PAGE.mineWaiting} class="pill" aria-live="polite" />
              </div>
              <p id={QUEUE_PANEL_PAGE.mineCategories} class="muted" />
              <div id={QUEUE_PANEL_PAGE.serving} class="serving" aria-live="polite">
                <span class="serving-label">正在办理</span>
                <span id={QUEUE_PANEL_PAGE.servingNumber} class="serving-number">
                  —
                </span>
                <dl id={QUEUE_PANEL_PAGE.servingFacts} class="facts" />
              </div>
              <div class="actions">
                <button type="button" id={QUEUE_PANEL_PAGE.callNext} class="big-action">
                  呼叫下一位
                </button>
                <button type="button" class="secondary" data-act="recall" id={QUEUE_PANEL_PAGE.actRecall}>
                  重呼
                </button>
                <button type="button" class="secondary" data-act="no-show" id={QUEUE_PANEL_PAGE.actNoShow}>
                  过号
                </button>
                <button type="button" class="secondary" data-act="park" id={QUEUE_PANEL_PAGE.actPark}>
                  暂挂
                </button>
                <button type="button" data-act="finish" id={QUEUE_PANEL_PAGE.actFinish}>
                  办结
                </button>
              </div>
              <form id={QUEUE_PANEL_PAGE.transferForm} class="form-row" aria-label="转到其他窗口">
                <div class="field">
                  <label for={QUEUE_PANEL_PAGE.transferTo}>转到窗口</label>
                  <select id={QUEUE_PANEL_PAGE.transferTo} />
                </div>
                <div class="field auto">
                  <button type="submit" class="secondary" id={QUEUE_PANEL_PAGE.transferButton}>
                    转窗口
                  </button>
                </div>
              </form>
              <p class="no-print">
                <a href="/window" id={QUEUE_PANEL_PAGE.acceptLink}>
                  为当前办事人受理办件 →
                </a>
              </p>
              <h3>暂挂的号</h3>
              <ul id={QUEUE_PANEL_PAGE.parked} class="result-list compact" aria-label="本窗口暂挂的号" />
              <p id={QUEUE_PANEL_PAGE.parkedEmpty} class="muted">
                没有暂挂的号。
              </p>
              <div class="actions">
                <button type="button" class="secondary" id={QUEUE_PANEL_PAGE.pairDevice}>
                  配对评议器
                </button>
                <button type="button" class="danger" id={QUEUE_PANEL_PAGE.closeWindow}>
                  关闭窗口
                </button>
              </div>
              <p id={QUEUE_PANEL_PAGE.pairDeviceCode} class="message message-info" role="status" hidden />
            </section>
          </div>

          <div>
            <section class="card" aria-labelledby={QUEUE_PANEL_PAGE.missedTitle} id={QUEUE_PANEL_PAGE.missedCard}>
              <h2 id={QUEUE_PANEL_PAGE.missedTitle}>过号补号</h2>
              <p class="muted">办事人过号后回到窗口，可在规定时间内为其补号：按原来的顺序重新排队，无需重新取号。</p>
              <ul id={QUEUE_PANEL_PAGE.missed} class="result-list compact" aria-label="可补号的过号" />
              <p id={QUEUE_PANEL_PAGE.missedEmpty} class="muted">
                没有可补号的过号。
              </p>
            </section>
            <section class="card" aria-labelledby={QUEUE_PANEL_PAGE.windowsTitle}>
              <div class="card-head">
                <h2 id={QUEUE_PANEL_PAGE.windowsTitle}>各窗口</h2>
                <a id={QUEUE_PANEL_PAGE.setupLink} class="button secondary" href="/window/queue/setup" hidden>
                  窗口设置
                </a>
              </div>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">窗口</th>
                      <th scope="col">办理类别</th>
                      <th scope="col">状态</th>
                      <th scope="col">正在办理</th>
                      <th scope="col" class="num">
                        等候
                      </th>
                    </tr>
                  </thead>
                  <tbody id={QUEUE_PANEL_PAGE.windowsBody} />
                </table>
              </div>
            </section>
            <section class="card" aria-labelledby={QUEUE_PANEL_PAGE.statsTitle}>
              <h2 id={QUEUE_PANEL_PAGE.statsTitle}>今日排队</h2>
              <p id={QUEUE_PANEL_PAGE.statsSummary} class="muted" />
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">业务类别</th>
                      <th scope="col" class="num">
                        等候
                      </th>
                      <th scope="col" class="num">
                        取号
                      </th>
                      <th scope="col" class="num">
                        办结
                      </th>
                      <th scope="col" class="num">
                        过号
                      </th>
                      <th scope="col" class="num">
                        平均等候
                      </th>
                    </tr>
                  </thead>
                  <tbody id={QUEUE_PANEL_PAGE.statsBody} />
                </table>
              </div>
              <p class="muted">
                <a href="/queue/screen" target="_blank" rel="noopener">
                  打开叫号屏（新窗口）
                </a>{' '}
                ·{' '}
                <a href="/queue/kiosk" target="_blank" rel="noopener">
                  打开取号机（新窗口）
                </a>
              </p>
            </section>
          </div>
        </div>
      </div>
    </Layout>
  );
}

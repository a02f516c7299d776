import { FloorLayout } from './floor-layout.js';
import type { PageContext } from './page-context.js';
import { BOARD_PAGE } from './ids/supervision-ids.js';

/**
 * `/board`: 红绿灯 on the hall's big screen (browser/board.ts), live from the Server-Sent Events feed: the
 * red (overdue) and yellow (due within 24 hours) cases, paged when they do not fit, legible from
 * across the hall. Public like the LED wall it stands for: query codes and names are masked.
 */
export function BoardPage({ ctx, yellowHours }: { ctx: PageContext; yellowHours: number }) {
  return (
    <FloorLayout
      ctx={ctx}
      title="红绿灯督办"
      variant="screen"
      styles={['board.css']}
      scripts={['board']}
      data={{ yellowHours }}
    >
      <h1 class="visually-hidden">红绿灯督办屏</h1>
      <div class="board-counts" aria-live="polite">
        <p class="board-count board-count-red">
          <span class="board-dot" aria-hidden="true" />
          红灯 已超期 <strong id={BOARD_PAGE.countRed}>0</strong> 件
        </p>
        <p class="board-count board-count-yellow">
          <span class="board-dot" aria-hidden="true" />
          黄灯 {yellowHours} 小时内到期 <strong id={BOARD_PAGE.countYellow}>0</strong> 件
        </p>
        <p id={BOARD_PAGE.boardPage} class="board-page" />
      </div>
      <table class="board-table" aria-describedby={BOARD_PAGE.boardNote}>
        <thead>
          <tr>
            <th scope="col">灯</th>
            <th scope="col">事项</th>
            <th scope="col">查询码</th>
            <th scope="col">申请人</th>
            <th scope="col">办理机构</th>
            <th scope="col">承诺办结</th>
            <th scope="col">剩余时间</th>
          </tr>
        </thead>
        <tbody id={BOARD_PAGE.boardRows} />
      </table>
      <p id={BOARD_PAGE.boardEmpty} class="board-empty" hidden>
        目前没有临近办结时限或超期的办件
      </p>
      <footer class="screen-footer">
        <span id={BOARD_PAGE.boardNote}>
          所有事项自受理起亮绿灯；距承诺办结时限 {yellowHours} 小时内亮黄灯催办；超过时限亮红灯警示。
        </span>
        <span id={BOARD_PAGE.boardLink} class="screen-link" role="status">
          正在连接…
        </span>
      </footer>
    </FloorLayout>
  );
}

import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { INBOX_PAGE } from './ids/office-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';

/**
 * `/office`: 后台分类审批, the back office's inbox (browser/inbox.ts from /api/inbox): this department's
 * own pending stage tasks, and the cases forwarded or returned to this office. Refreshes by
 * itself, as cases arrive through sync.
 */
export function InboxPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="后台审批" nav="office" scripts={['inbox']} styles={['flow.css']}>
      <ClerkLogin title="工作人员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <p id={INBOX_PAGE.officeName} class="muted" />
        <div class="grid-tiles counters" aria-live="polite">
          <div id={INBOX_PAGE.tasksTile} class="tile">
            <strong>待本部门审批</strong>
            <span id={INBOX_PAGE.countTasks} class="stat">
              …
            </span>
            <span>并联审批中本部门的任务</span>
          </div>
          <div class="tile">
            <strong>转来本机构</strong>
            <span id={INBOX_PAGE.countHeld} class="stat">
              …
            </span>
            <span>其他机构转报或退回到本机构的办件</span>
          </div>
          <div class="tile">
            <strong>临近时限或超期</strong>
            <span id={INBOX_PAGE.countLate} class="stat">
              …
            </span>
            <span>黄灯、红灯办件，请优先处理</span>
          </div>
        </div>
        <div id={INBOX_PAGE.inboxMsg} hidden />
        <section id={INBOX_PAGE.tasksCard} class="card" aria-labelledby={INBOX_PAGE.tasksTitle}>
          <h2 id={INBOX_PAGE.tasksTitle}>本部门审批任务</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">红绿灯</th>
                  <th scope="col">查询码</th>
                  <th scope="col">事项名称</th>
                  <th scope="col">审批阶段</th>
                  <th scope="col">启动时间</th>
                  <th scope="col">承诺办结</th>
                </tr>
              </thead>
              <tbody id={INBOX_PAGE.tasksBody} />
            </table>
          </div>
          <p id={INBOX_PAGE.tasksEmpty} class="muted" hidden>
            没有待本部门审批的任务。
          </p>
        </section>
        <section class="card" aria-labelledby={INBOX_PAGE.heldTitle}>
          <h2 id={INBOX_PAGE.heldTitle}>转来本机构的办件</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">红绿灯</th>
                  <th scope="col">查询码</th>
                  <th scope="col">事项名称</th>
                  <th scope="col">来自</th>
                  <th scope="col">转报说明</th>
                  <th scope="col">承诺办结</th>
                </tr>
              </thead>
              <tbody id={INBOX_PAGE.heldBody} />
            </table>
          </div>
          <p id={INBOX_PAGE.heldEmpty} class="muted" hidden>
            没有转来本机构的办件。
          </p>
        </section>
        <section class="card" aria-labelledby={INBOX_PAGE.coordinateTitle} id={INBOX_PAGE.coordinateCard} hidden>
          <h2 id={INBOX_PAGE.coordinateTitle}>待启动并联审批（全程代办）</h2>
          <p class="muted">本机构办理的并联审批办件，可以启动下一阶段：打开办件，点“启动”，各部门同时收到审批任务。</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">红绿灯</th>
                  <th scope="col">查询码</th>
                  <th scope="col">事项名称</th>
                  <th scope="col">待启动阶段</th>
                  <th scope="col">承诺办结</th>
                </tr>
              </thead>
              <tbody id={INBOX_PAGE.coordinateBody} />
            </table>
          </div>
        </section>
        <p>
          <a class="button secondary" href="/office/commitments">
            告知承诺核查
          </a>
        </p>
        <p class="muted">每 10 秒自动刷新；其他机构转来的办件同步到本站后即出现在这里。</p>
      </div>
    </Layout>
  );
}

import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { WINDOW_SETUP_PAGE } from './ids/floor-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';

const LETTERS = 'ABCDEFGHIJKLMNO';

/**
 * `/window/queue/setup`: the hall director's window setup (browser/window-setup.ts): each window's name
 * on the calling screen and the categories it serves; the ticket machine offers exactly those.
 */
export function WindowSetupPage({
  ctx,
  categories,
}: {
  ctx: PageContext;
  categories: { number: number; name: string }[];
}) {
  return (
    <Layout ctx={ctx} title="窗口设置" nav="queue" scripts={['window-setup']} styles={['flow.css']}>
      <ClerkLogin title="工作人员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <p class="no-print">
          <a href="/window/queue">← 返回叫号面板</a>
        </p>
        <div id={WINDOW_SETUP_PAGE.setupMsg} hidden />
        <div class="grid-2">
          <section class="card" aria-labelledby={WINDOW_SETUP_PAGE.setupFormTitle}>
            <h2 id={WINDOW_SETUP_PAGE.setupFormTitle}>添加或修改窗口</h2>
            <form id={WINDOW_SETUP_PAGE.setupForm} novalidate>
              <div class="form-row">
                <div class="field narrow">
                  <label for={WINDOW_SETUP_PAGE.setupId}>
                    窗口编号 <span class="hint">（如 w1）</span>
                  </label>
                  <input
                    id={WINDOW_SETUP_PAGE.setupId}
                    type="text"
                    autocomplete="off"
                    spellcheck={false}
                    maxlength={20}
                    required
                  />
                </div>
                <div class="field">
                  <label for={WINDOW_SETUP_PAGE.setupName}>大屏显示名称</label>
                  <input
                    id={WINDOW_SETUP_PAGE.setupName}
                    type="text"
                    autocomplete="off"
                    maxlength={20}
                    placeholder="如：1号窗口"
                    required
                  />
                </div>
              </div>
              <fieldset>
                <legend>办理的业务类别</legend>
                <ul class="category-checks" id={WINDOW_SETUP_PAGE.setupCategories}>
                  {categories.map((c) => (
                    <li>
                      <input type="checkbox" id={WINDOW_SETUP_PAGE.cat(c.number)} value={String(c.number)} />
                      <label for={WINDOW_SETUP_PAGE.cat(c.number)}>
                        <span class="cat-letter">{LETTERS[c.number - 1]}</span> {c.name}
                      </label>
                    </li>
                  ))}
                </ul>
                <div class="actions">
                  <button type="button" class="secondary" id={WINDOW_SETUP_PAGE.setupAll}>
                    全选（综合窗口）
                  </button>
                  <button type="button" class="secondary" id={WINDOW_SETUP_PAGE.setupNone}>
                    清空
                  </button>
                </div>
              </fieldset>
              <button type="submit">保存窗口</button>
            </form>
          </section>
          <section class="card" aria-labelledby={WINDOW_SETUP_PAGE.setupListTitle}>
            <h2 id={WINDOW_SETUP_PAGE.setupListTitle}>本厅窗口</h2>
            <p class="muted">取号机只提供有窗口办理的类别。开放中的窗口改类别后立即生效。</p>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">编号</th>
                    <th scope="col">名称</th>
                    <th scope="col">办理类别</th>
                    <th scope="col">状态</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody id={WINDOW_SETUP_PAGE.setupBody} />
              </table>
            </div>
          </section>
        </div>
      </div>
    </Layout>
  );
}

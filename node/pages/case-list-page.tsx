import { ClerkLogin } from './clerk-login.js';
import { LABELS } from './labels.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { CASE_LIST_PAGE } from './ids/desk-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';

/** `/window/cases`: the cases this node holds, with filters, traffic lights and paging (browser/case-list.ts). */
export function CaseListPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="办件管理" nav="cases" scripts={['case-list']}>
      <ClerkLogin />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div class="grid-tiles counters" id={CASE_LIST_PAGE.counters} aria-live="polite" />
        <form id={CASE_LIST_PAGE.caseFilter} class="card" aria-label="筛选办件">
          <div class="form-row">
            <div class="field">
              <label for={CASE_LIST_PAGE.fQ}>搜索</label>
              <input
                id={CASE_LIST_PAGE.fQ}
                name="q"
                type="search"
                maxlength={100}
                placeholder="查询码、姓名、证件号码或事项"
              />
            </div>
            <div class="field">
              <label for={CASE_LIST_PAGE.fStatus}>办理状态</label>
              <select id={CASE_LIST_PAGE.fStatus} name="status">
                <option value="">全部</option>
                {Object.entries(LABELS.status).map(([value, label]) => (
                  <option value={value}>{label}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={CASE_LIST_PAGE.fLight}>红绿灯</label>
              <select id={CASE_LIST_PAGE.fLight} name="light">
                <option value="">全部</option>
                <option value="green">绿灯（正常）</option>
                <option value="yellow">黄灯（临近时限）</option>
                <option value="red">红灯（已超期）</option>
                <option value="paused">暂停（等待补正）</option>
              </select>
            </div>
            <div class="field">
              <label for={CASE_LIST_PAGE.fMatter}>事项</label>
              <select id={CASE_LIST_PAGE.fMatter} name="matter">
                <option value="">全部事项</option>
              </select>
            </div>
            <div class="field narrow">
              <button type="submit">筛选</button>
            </div>
          </div>
        </form>
        <div id={CASE_LIST_PAGE.casesMsg} hidden />
        <section class="card" aria-labelledby={CASE_LIST_PAGE.casesTitle}>
          <h2 id={CASE_LIST_PAGE.casesTitle}>办件列表</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">红绿灯</th>
                  <th scope="col">查询码</th>
                  <th scope="col">事项名称</th>
                  <th scope="col">申请人</th>
                  <th scope="col" class="hide-narrow">
                    受理机构
                  </th>
                  <th scope="col">受理时间</th>
                  <th scope="col">承诺办结</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody id={CASE_LIST_PAGE.casesBody} />
            </table>
          </div>
          <div class="actions">
            <button type="button" class="secondary" id={CASE_LIST_PAGE.pagePrev}>
              上一页
            </button>
            <span id={CASE_LIST_PAGE.pageInfo} class="muted" aria-live="polite" />
            <button type="button" class="secondary" id={CASE_LIST_PAGE.pageNext}>
              下一页
            </button>
          </div>
        </section>
      </div>
    </Layout>
  );
}

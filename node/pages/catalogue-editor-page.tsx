import { ClerkLogin } from './clerk-login.js';
import { CATALOGUE_EDITOR as P } from './ids/catalogue-editor-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/catalogue/edit` 事项管理 (browser/catalogue-editor.ts), at the district center: an admin drafts
 * a matter's next version (name, 实施编码, promised days, the material list with each material's
 * source) or its retirement, with the date it is in force from; another admin approves it, and it
 * is published to every hall. Every check is the API's (/api/catalogue-drafts).
 */
export function CatalogueEditorPage({
  ctx,
  matters,
  today,
}: {
  ctx: PageContext;
  matters: { code: string; name: string }[];
  today: string;
}) {
  return (
    <Layout ctx={ctx} title="事项管理" nav="guide" scripts={['catalogue-editor']} styles={['flow.css']}>
      <ClerkLogin title="管理员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={P.msg} hidden />
        <section class="card">
          <h2>起草新版本</h2>
          <p class="muted">
            材料须逐项列明，不得使用“其他材料”“相关材料”“等材料”等兜底条款；必需材料须注明来源渠道或样表。草稿须经另一名管理员审核后发布，发布后按生效日期在各服务站启用。
          </p>
          <form id={P.draftForm} novalidate>
            <div class="form-row">
              <div class="field">
                <label for={P.matter}>事项</label>
                <select id={P.matter}>
                  {matters.map((m) => (
                    <option value={m.code}>
                      {m.code} {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <div class="actions">
                <button type="button" class="secondary" id={P.load}>
                  载入现行版本
                </button>
              </div>
            </div>
            <div class="form-row">
              <div class="field">
                <label for={P.name}>事项名称</label>
                <input id={P.name} type="text" maxlength={100} />
              </div>
              <div class="field">
                <label for={P.nationalCode}>实施编码</label>
                <input id={P.nationalCode} type="text" maxlength={40} spellcheck={false} />
              </div>
            </div>
            <div class="form-row">
              <div class="field narrow">
                <label for={P.promisedDays}>承诺时限（工作日）</label>
                <input id={P.promisedDays} type="number" min={0} max={365} />
              </div>
              <div class="field narrow">
                <label for={P.effectiveFrom}>生效日期</label>
                <input id={P.effectiveFrom} type="date" value={today} min={today} />
              </div>
              <ul class="category-checks">
                <li>
                  <input id={P.retire} type="checkbox" />
                  <label for={P.retire}>申请下线（自生效日期起不再受理）</label>
                </li>
              </ul>
            </div>
            <fieldset>
              <legend>申请材料</legend>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">材料名称</th>
                      <th scope="col">类别</th>
                      <th scope="col">来源渠道</th>
                      <th scope="col">样表</th>
                      <th scope="col">操作</th>
                    </tr>
                  </thead>
                  <tbody id={P.materials} />
                </table>
              </div>
              <button type="button" class="secondary" id={P.addMaterial}>
                添加材料
              </button>
            </fieldset>
            <button type="submit">保存草稿</button>
          </form>
        </section>
        <section class="card">
          <h2>草稿与发布记录</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">事项</th>
                  <th scope="col">版本</th>
                  <th scope="col">生效日期</th>
                  <th scope="col">状态</th>
                  <th scope="col">起草 / 审核 / 发布</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody id={P.drafts} />
            </table>
          </div>
        </section>
      </div>
    </Layout>
  );
}

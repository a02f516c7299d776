import { LinesField, NumberField, RowsTable } from './catalogue-editor-fields.js';
import { ClerkLogin } from './clerk-login.js';
import { CATALOGUE_EDITOR as P } from './ids/catalogue-editor-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import { LABELS } from './labels.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** The matter's yes/no fields, with what the editor calls them. */
const FLAGS = [
  ['instant', '即办件（当场办结）'],
  ['allowsMakeUp', '可容缺受理'],
  ['online', '可网上申请'],
  ['bookable', '可预约'],
  ['courier', '可邮寄送达'],
] as const;

/**
 * `/catalogue/edit` 事项管理 (browser/catalogue-editor.ts), at the district center: an admin drafts
 * a matter's next version — every field of the matter: its kind, levels, department, basis,
 * conditions, procedure, time limits, fees, stages, licences it issues, the material list with each
 * material's source and copies — or its retirement, with the date it is in force from; another
 * admin approves it, and it is published to every hall. Every check is the API's (/api/catalogue-drafts).
 * The city catalogue's matters (全市通办) are listed apart, read-only: the city manages them.
 */
export function CatalogueEditorPage({
  ctx,
  matters,
  cityMatters,
  departments,
  licenceTypes,
  today,
}: {
  ctx: PageContext;
  /** The district's own matters, which its admins draft. */
  matters: { code: string; name: string }[];
  /** The city catalogue's, shown read-only. */
  cityMatters: { code: string; name: string }[];
  /** The district's departments, chosen by name for the matter and its stages. */
  departments: { path: string; name: string }[];
  /** The licence types the district's matters issue: a licence is named, its key kept out of sight. */
  licenceTypes: { licenceType: string; name: string }[];
  today: string;
}) {
  return (
    <Layout ctx={ctx} title="事项管理" nav="catalogue" scripts={['catalogue-editor']} styles={['flow.css']}>
      <ClerkLogin title="管理员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={P.msg} hidden />
        {cityMatters.length ? (
          <section class="card" aria-labelledby={P.cityHeading}>
            <h2 id={P.cityHeading}>全市通办事项（只读）</h2>
            <p class="muted">
              以下事项列入市级目录，由市政务服务管理部门统一管理、发布，区级不能起草或修改，可查看办事指南。
            </p>
            <ul class="result-list" id={P.cityMatters}>
              {cityMatters.map((m) => (
                <li>
                  <a class="result-name" href={`/guide/${encodeURIComponent(m.code)}`}>
                    {m.code} {m.name}
                  </a>{' '}
                  <span class="tag tag-city">全市通办</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
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
              <legend>事项要素</legend>
              <div class="form-row">
                <div class="field">
                  <label for={P.matterType}>事项类型</label>
                  <select id={P.matterType}>
                    {Object.entries(LABELS.matterType).map(([v, text]) => (
                      <option value={v}>
                        {v} {text}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={P.department}>实施部门</label>
                  <select id={P.department}>
                    {departments.map((d) => (
                      <option value={d.path}>{d.name}</option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={P.decidedBy}>决定机构</label>
                  <select id={P.decidedBy}>
                    {Object.entries(LABELS.decidedBy).map(([v, text]) => (
                      <option value={v}>{text}</option>
                    ))}
                  </select>
                </div>
              </div>
              <div class="form-row">
                <NumberField id={P.legalDays} label="法定时限（工作日）" min={0} max={365} />
                <NumberField id={P.makeUpDays} label="容缺补正期限（工作日）" min={1} max={60} />
                <NumberField id={P.commitmentCheckDays} label="告知承诺核查期限（工作日，可空）" min={1} max={365} />
                <NumberField id={P.category} label="叫号类别（1–15）" min={1} max={15} />
              </div>
              <ul class="category-checks">
                {([4, 5, 6] as const).map((n) => (
                  <li>
                    <input id={P.level(n)} type="checkbox" />
                    <label for={P.level(n)}>{LABELS.level[n]}办理</label>
                  </li>
                ))}
                {(['person', 'company'] as const).map((k) => (
                  <li>
                    <input id={P.serves(k)} type="checkbox" />
                    <label for={P.serves(k)}>服务{LABELS.applicantKind[k]}</label>
                  </li>
                ))}
                {FLAGS.map(([name, text]) => (
                  <li>
                    <input id={P.flag(name)} type="checkbox" />
                    <label for={P.flag(name)}>{text}</label>
                  </li>
                ))}
              </ul>
              <div class="form-row">
                <LinesField id={P.legalBasis} label="设定依据（每行一条）" />
                <LinesField id={P.conditions} label="受理条件（每行一条）" />
              </div>
              <div class="form-row">
                <LinesField id={P.procedure} label="办理流程（每行一步）" />
                <LinesField id={P.keywords} label="搜索关键词（每行一个）" />
              </div>
              <div class="form-row">
                <LinesField id={P.fees} label="收费（每行：项目｜金额（元）｜依据）" />
              </div>
            </fieldset>
            <RowsTable
              legend="并联审批阶段"
              columns={['阶段名称', '审批部门（可多选）', '操作']}
              body={P.stages}
              add={P.addStage}
              addText="添加阶段"
            />
            <RowsTable
              legend="核发证照"
              columns={['证照名称', '有效年限（年，空为长期有效）', '操作']}
              body={P.issues}
              add={P.addIssue}
              addText="添加证照"
            />
            <datalist id={P.licenceTypes}>
              {licenceTypes.map((t) => (
                <option value={t.name} data-licence-type={t.licenceType} />
              ))}
            </datalist>
            <RowsTable
              legend="申请材料"
              columns={['材料名称', '类别', '来源渠道', '样表', '原件 / 复印件', '说明', '告知承诺', '操作']}
              body={P.materials}
              add={P.addMaterial}
              addText="添加材料"
            />
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

/**
 * `/catalogue/edit` at any other hall: the catalogue is managed and published at the district
 * center alone (一口管理、一口发布), so this hall offers no editor and no login that would only fail.
 */
export function CatalogueAtCenterPage({ ctx, centerName }: { ctx: PageContext; centerName: string }) {
  return (
    <Layout ctx={ctx} title="事项管理" nav="guide">
      <section class="card">
        <p id={P.atCenterOnly} class="message message-info">
          {`事项目录由${centerName}统一管理、统一发布（一口管理、一口发布），${ctx.orgName}只读：事项的起草、审核和发布请在${centerName}的“事项管理”页办理。发布后的新版本按生效日期自动到达本站，可在`}
          <a href="/guide">办事指南</a>查看。
        </p>
      </section>
    </Layout>
  );
}

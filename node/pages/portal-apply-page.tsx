import type { Matter } from '../../sync/index.js';
import { LABELS } from './labels.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { PORTAL_APPLY_PAGE } from './ids/portal-ids.js';

/** `/portal/apply/:code`: 网上申请 for a matter that allows it (browser/portal-apply.ts posts to /api/my/cases). */
export function PortalApplyPage({ ctx, matter: m, departmentName }: { ctx: PageContext; matter: Matter; departmentName: string }) {
  return (
    <Layout ctx={ctx} title="网上申请" nav="portal" variant="phone" scripts={m.online ? ['portal-apply'] : []} data={{ matterCode: m.code }}>
      <section class="card" aria-labelledby={PORTAL_APPLY_PAGE.applyMatter}>
        <h2 id={PORTAL_APPLY_PAGE.applyMatter}>{m.name}</h2>
        <p class="muted">
          {departmentName} · {m.instant ? '即办件' : `承诺 ${m.promisedDays} 个工作日内办结`}
        </p>
        <a href={`/guide/${encodeURIComponent(m.code)}?from=portal`}>查看完整办事指南</a>
      </section>
      {m.online ? (
        <form id={PORTAL_APPLY_PAGE.applyForm} class="card" novalidate>
          <fieldset>
            <legend>准备提交的材料</legend>
            <p class="hint">勾选您将提交的材料。必需材料须齐全；次要材料可在受理后补齐。</p>
            <ul class="checklist">
              {m.materials.map((mat) => (
                <li>
                  <input type="checkbox" id={PORTAL_APPLY_PAGE.mat(mat.id)} value={mat.id} data-necessity={mat.necessity} />
                  <label for={PORTAL_APPLY_PAGE.mat(mat.id)}>
                    {mat.name} <span class={`tag tag-${mat.necessity}`}>{LABELS.necessity[mat.necessity]}</span>
                    <span class="copies">
                      原件 {mat.originals} 份，复印件 {mat.copies} 份{mat.note ? `；${mat.note}` : ''}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div id={PORTAL_APPLY_PAGE.applyMsg} hidden />
          <button type="submit" id={PORTAL_APPLY_PAGE.applyButton}>
            提交申请
          </button>
        </form>
      ) : (
        <p class="message message-info">该事项不能网上申请，请携带材料到服务大厅办理。</p>
      )}
      <section id={PORTAL_APPLY_PAGE.applyDone} class="card" aria-labelledby={PORTAL_APPLY_PAGE.applyDoneTitle} hidden tabindex={-1}>
        <h2 id={PORTAL_APPLY_PAGE.applyDoneTitle}>申请已提交</h2>
        <p>
          您的查询码：<span id={PORTAL_APPLY_PAGE.applyCode} class="query-code" />
        </p>
        <p id={PORTAL_APPLY_PAGE.applyDoneDetail} />
        <a id={PORTAL_APPLY_PAGE.applyCaseLink} class="button" href="/portal">
          查看办理进度
        </a>
      </section>
    </Layout>
  );
}

import { DEFAULT_WRITE_BOUNDS, sizeInChinese, type Matter } from '../../sync/index.js';
import { LABELS } from './labels.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { PORTAL_APPLY_PAGE as P } from './ids/online-ids.js';
import { PORTAL_PAGE } from './ids/portal-ids.js';

const LIMIT = sizeInChinese(DEFAULT_WRITE_BOUNDS.attachmentBytes);

/** What a resident is told of the check of his commitment (告知承诺 核查), when the matter sets a time for it. */
const matterCommitmentNote = (days: number | undefined) => (days ? `；受理后 ${days} 个工作日内核查` : '');

/**
 * `/portal/apply/:code`: 网上申请 on a phone — a file for each material, or the resident's electronic
 * licence or earlier checked copy instead (免提交, offered by browser/portal-apply.ts from his
 * library); the application goes to 预审 at `handlerName`, and the deadline starts when it is accepted.
 */
export function PortalApplyPage({
  ctx,
  matter: m,
  departmentName,
  handlerName,
}: {
  ctx: PageContext;
  matter: Matter;
  departmentName: string;
  handlerName: string;
}) {
  return (
    <Layout
      ctx={ctx}
      title="网上申请"
      nav="portal"
      variant="phone"
      scripts={m.online ? ['portal-apply'] : []}
      data={{ matterCode: m.code }}
    >
      <section class="card" aria-labelledby={P.applyMatter}>
        <h2 id={P.applyMatter}>{m.name}</h2>
        <p class="muted">
          {departmentName} · {m.instant ? '即办件' : `承诺受理后 ${m.promisedDays} 个工作日内办结`}
        </p>
        {/* Only a matter applied for online goes to 预审; for the others the page says that alone. */}
        {m.online ? (
          <p id={P.applyWhere}>
            提交后由<strong>{handlerName}</strong>预审：工作人员审核材料后受理，办理时限自受理之日起计算。
          </p>
        ) : (
          <p class="message message-info">
            该事项不能网上申请，请携带材料到服务大厅办理
            {m.bookable ? (
              <>
                ，可先<a href={`/portal#${PORTAL_PAGE.bookTitle}`}>预约办事</a>
              </>
            ) : null}
            。
          </p>
        )}
        <a href={`/guide/${encodeURIComponent(m.code)}?from=portal`}>查看完整办事指南</a>
      </section>
      {m.online ? <div id={P.applyOpen} hidden /> : null}
      {m.online ? (
        <form id={P.applyForm} class="card" novalidate>
          <fieldset>
            <legend>上传申请材料</legend>
            <p class="hint">
              每项材料上传一个文件（PDF、JPEG 或 PNG，每个不超过 {LIMIT}，多页请合并为一个
              PDF）。必需材料须齐全；次要材料可在受理后补齐。
            </p>
            <div id={P.libraryNote} hidden />
            <ul class="checklist upload-list">
              {m.materials.map((mat) => (
                <li>
                  <label for={P.file(mat.id)}>
                    {mat.name} <span class={`tag tag-${mat.necessity}`}>{LABELS.necessity[mat.necessity]}</span>
                    <span class="copies">{mat.note ?? `原件 ${mat.originals} 份，复印件 ${mat.copies} 份`}</span>
                  </label>
                  <div id={P.libSlot(mat.id)} class="lib-slot" hidden />
                  {mat.commitment ? (
                    <div class="commitment">
                      <input type="checkbox" id={P.commitment(mat.id)} value={mat.id} />
                      <label for={P.commitment(mat.id)}>
                        告知承诺：本人承诺所述情况真实，以签署告知承诺书代替此材料（记录本人姓名和时间
                        {matterCommitmentNote(m.commitmentCheckDays)}）
                      </label>
                    </div>
                  ) : null}
                  <input
                    type="file"
                    id={P.file(mat.id)}
                    name={`material.${mat.id}`}
                    accept="application/pdf,image/jpeg,image/png"
                    data-necessity={mat.necessity}
                    data-name={mat.name}
                  />
                </li>
              ))}
            </ul>
          </fieldset>
          <div id={P.applyMsg} hidden />
          <button type="submit" id={P.applyButton}>
            提交预审
          </button>
        </form>
      ) : null}
      <section id={P.applyDone} class="card" aria-labelledby={P.applyDoneTitle} hidden tabindex={-1}>
        <h2 id={P.applyDoneTitle}>申请已提交，等待预审</h2>
        <p>
          您的查询码：
          <span id={P.applyCode} class="query-code" />
        </p>
        <p id={P.applyDoneDetail} />
        <a id={P.applyCaseLink} class="button" href="/portal">
          查看申请进度
        </a>
      </section>
    </Layout>
  );
}

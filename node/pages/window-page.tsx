import { ClerkLogin } from './clerk-login.js';
import { hasHallFloor } from './hall-floor.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { WINDOW_PAGE } from './ids/desk-ids.js';
import { WINDOW_LIBRARY } from './ids/online-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import type { NodeWarning } from '../node-warnings.js';
import { NodeWarningsPanel } from './node-warnings-panel.js';
import { NoFloorNote } from './no-floor-note.js';

/**
 * `/window`: 综合受理 at the counter. The clerk picks a matter, fills or prefills the applicant
 * from 一表一库, ticks the materials handed in, and accepts; browser/window.ts does it through the API.
 */
export function WindowPage({
  ctx,
  matter,
  warnings,
}: {
  ctx: PageContext;
  matter: string | undefined;
  warnings: readonly NodeWarning[];
}) {
  // A department keeps no floor: the note says where its work is, and no login leads to a window it has not.
  if (!hasHallFloor(ctx.kind))
    return (
      <Layout ctx={ctx} title="综合受理" nav="window">
        <NodeWarningsPanel warnings={warnings} />
        <NoFloorNote ctx={ctx} />
      </Layout>
    );
  return (
    <Layout ctx={ctx} title="综合受理" nav="window" scripts={['window']} data={{ matter: matter ?? null }}>
      <NodeWarningsPanel warnings={warnings} />
      <ClerkLogin />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div class="grid-2">
          <section class="card" aria-labelledby={WINDOW_PAGE.wMatter}>
            <h2 id={WINDOW_PAGE.wMatter}>① 选择事项</h2>
            <form id={WINDOW_PAGE.matterSearch} role="search" aria-label="搜索本站可办事项">
              <label for={WINDOW_PAGE.matterQ}>事项名称或关键词</label>
              <div class="form-row">
                <div class="field">
                  <input id={WINDOW_PAGE.matterQ} type="search" placeholder="如：低保、残疾人证、居住证" />
                </div>
                <div class="field narrow">
                  <button type="submit" class="secondary">
                    搜索
                  </button>
                </div>
              </div>
            </form>
            <p id={WINDOW_PAGE.matterCount} class="muted" aria-live="polite" />
            <ul id={WINDOW_PAGE.matterResults} class="result-list compact scroll-list" aria-label="本站可办事项" />
            <div id={WINDOW_PAGE.matterChosen} class="chosen" hidden>
              <h3 id={WINDOW_PAGE.matterName} />
              <dl id={WINDOW_PAGE.matterFacts} class="facts" />
              <p>
                <a id={WINDOW_PAGE.matterGuide} href="/guide" target="_blank" rel="noopener">
                  查看完整办事指南（新窗口）
                </a>
              </p>
            </div>
          </section>

          <section class="card" aria-labelledby={WINDOW_PAGE.wAccept}>
            <h2 id={WINDOW_PAGE.wAccept}>② 申请人与材料</h2>
            <form id={WINDOW_PAGE.acceptForm} novalidate>
              <fieldset>
                <legend>申请人信息</legend>
                <div class="form-row">
                  <div class="field xnarrow">
                    <label for={WINDOW_PAGE.apKind}>申请人类型</label>
                    <select id={WINDOW_PAGE.apKind}>
                      <option value="person">自然人</option>
                      <option value="company">法人/其他组织</option>
                    </select>
                  </div>
                  <div class="field narrow">
                    <label for={WINDOW_PAGE.apIdtype}>证件类型</label>
                    <select id={WINDOW_PAGE.apIdtype}>
                      <option value="resident-id">居民身份证</option>
                      <option value="passport">护照</option>
                      <option value="hk-macao-permit">港澳居民来往内地通行证</option>
                      <option value="taiwan-permit">台湾居民来往大陆通行证</option>
                      <option value="uscc">统一社会信用代码</option>
                    </select>
                  </div>
                  <div class="field">
                    <label for={WINDOW_PAGE.apIdnumber}>证件号码</label>
                    <input id={WINDOW_PAGE.apIdnumber} type="text" autocomplete="off" spellcheck={false} required />
                  </div>
                  <div class="field auto">
                    <button type="button" id={WINDOW_PAGE.prefill} class="secondary">
                      从一表一库调取
                    </button>
                  </div>
                </div>
                <div id={WINDOW_PAGE.prefillMsg} hidden />
                <div class="form-row">
                  <div class="field">
                    <label for={WINDOW_PAGE.apName}>姓名/名称</label>
                    <input id={WINDOW_PAGE.apName} type="text" autocomplete="off" required />
                  </div>
                  <div class="field">
                    <label for={WINDOW_PAGE.apPhone}>手机号码</label>
                    <input
                      id={WINDOW_PAGE.apPhone}
                      type="tel"
                      inputmode="numeric"
                      autocomplete="off"
                      maxlength={11}
                      required
                    />
                  </div>
                  <div class="field">
                    <label for={WINDOW_PAGE.apContact}>
                      联系地址或联系人 <span class="hint">（选填）</span>
                    </label>
                    <input id={WINDOW_PAGE.apContact} type="text" autocomplete="off" />
                  </div>
                </div>
              </fieldset>
              <fieldset id={WINDOW_PAGE.materialsBox} disabled>
                <legend>材料核对</legend>
                <p class="hint">
                  勾选申请人已提交的材料。缺少必需材料不能受理，须一次性告知；缺少次要材料时可容缺受理，申请人在期限内补齐。
                </p>
                <p id={WINDOW_PAGE.checklistEmpty} class="muted">
                  请先在左侧选择事项。
                </p>
                <p>
                  <button type="button" id={WINDOW_LIBRARY.libraryButton} class="secondary">
                    调取电子证照和材料库（免提交）
                  </button>
                </p>
                <div id={WINDOW_LIBRARY.libraryMsg} hidden />
                <ul id={WINDOW_PAGE.checklist} class="checklist" />
              </fieldset>
              <div class="sticky-actions">
                <div id={WINDOW_PAGE.checklistSummary} aria-live="polite" />
                <div id={WINDOW_PAGE.acceptMsg} hidden />
                <button type="submit" id={WINDOW_PAGE.acceptButton} disabled>
                  受理并生成受理通知书
                </button>
              </div>
            </form>
          </section>
        </div>
      </div>
    </Layout>
  );
}

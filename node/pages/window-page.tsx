import { ClerkLogin } from './clerk-login.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * `/window`: 综合受理 at the counter. The clerk picks a matter, fills or prefills the applicant
 * from 一表一库, ticks the materials handed in, and accepts; window.js does it through the API.
 */
export function WindowPage({ ctx, matter }: { ctx: PageContext; matter: string | undefined }) {
  return (
    <Layout ctx={ctx} title="综合受理" nav="window" scripts={['window.js']} data={{ matter: matter ?? null }}>
      <ClerkLogin />
      <div id="clerk-area" hidden>
        <div class="grid-2">
          <section class="card" aria-labelledby="w-matter">
            <h2 id="w-matter">① 选择事项</h2>
            <form id="matter-search" role="search" aria-label="搜索本站可办事项">
              <label for="matter-q">事项名称或关键词</label>
              <div class="form-row">
                <div class="field">
                  <input id="matter-q" type="search" placeholder="如：低保、残疾人证、居住证" />
                </div>
                <div class="field narrow">
                  <button type="submit" class="secondary">
                    搜索
                  </button>
                </div>
              </div>
            </form>
            <p id="matter-count" class="muted" aria-live="polite" />
            <ul id="matter-results" class="result-list compact scroll-list" aria-label="本站可办事项" />
            <div id="matter-chosen" class="chosen" hidden>
              <h3 id="matter-name" />
              <dl id="matter-facts" class="facts" />
              <p>
                <a id="matter-guide" href="/guide" target="_blank" rel="noopener">
                  查看完整办事指南（新窗口）
                </a>
              </p>
            </div>
          </section>

          <section class="card" aria-labelledby="w-accept">
            <h2 id="w-accept">② 申请人与材料</h2>
            <form id="accept-form" novalidate>
              <fieldset>
                <legend>申请人信息</legend>
                <div class="form-row">
                  <div class="field xnarrow">
                    <label for="ap-kind">申请人类型</label>
                    <select id="ap-kind">
                      <option value="person">自然人</option>
                      <option value="company">法人/其他组织</option>
                    </select>
                  </div>
                  <div class="field narrow">
                    <label for="ap-idtype">证件类型</label>
                    <select id="ap-idtype">
                      <option value="resident-id">居民身份证</option>
                      <option value="passport">护照</option>
                      <option value="hk-macao-permit">港澳居民来往内地通行证</option>
                      <option value="taiwan-permit">台湾居民来往大陆通行证</option>
                      <option value="uscc">统一社会信用代码</option>
                    </select>
                  </div>
                  <div class="field">
                    <label for="ap-idnumber">证件号码</label>
                    <input id="ap-idnumber" type="text" autocomplete="off" spellcheck={false} required />
                  </div>
                  <div class="field auto">
                    <button type="button" id="prefill" class="secondary">
                      从一表一库调取
                    </button>
                  </div>
                </div>
                <div id="prefill-msg" hidden />
                <div class="form-row">
                  <div class="field">
                    <label for="ap-name">姓名/名称</label>
                    <input id="ap-name" type="text" autocomplete="off" required />
                  </div>
                  <div class="field">
                    <label for="ap-phone">手机号码</label>
                    <input id="ap-phone" type="tel" inputmode="numeric" autocomplete="off" maxlength={11} required />
                  </div>
                  <div class="field">
                    <label for="ap-contact">
                      联系地址或联系人 <span class="hint">（选填）</span>
                    </label>
                    <input id="ap-contact" type="text" autocomplete="off" />
                  </div>
                </div>
              </fieldset>
              <fieldset id="materials-box" disabled>
                <legend>材料核对</legend>
                <p class="hint">勾选申请人已提交的材料。缺少必需材料不能受理，须一次性告知；缺少次要材料时可容缺受理，申请人在期限内补齐。</p>
                <p id="checklist-empty" class="muted">请先在左侧选择事项。</p>
                <ul id="checklist" class="checklist" />
              </fieldset>
              <div class="sticky-actions">
                <div id="checklist-summary" aria-live="polite" />
                <div id="accept-msg" hidden />
                <button type="submit" id="accept-button" disabled>
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

/**
 * The cards of a case's way through the offices (前台综合受理、后台分类审批、统一窗口出件), shared by
 * the window's case page and the back office's: hidden until the case's state calls for them;
 * case-flow.js and office-case.js fill and show them.
 */

/** The stages of parallel approval, each department's task; the coordination desk may start the next. */
export function StagesCard({ startable }: { startable: boolean }) {
  return (
    <section class="card" aria-labelledby="stages-title" id="stages-card" hidden>
      <h2 id="stages-title">并联审批</h2>
      <p id="holder-line" class="holder-line" />
      <div id="stages-view" />
      {startable ? (
        <div id="stage-start-box" class="stage-start" hidden>
          <p id="stage-next" />
          <button type="button" id="stage-start">
            启动下一阶段（全程代办）
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** 转报: upward to the street or the district, or to a department, with a note. */
export function ForwardCard() {
  return (
    <section class="card no-print" aria-labelledby="forward-title" id="forward-card" hidden>
      <h2 id="forward-title">转报</h2>
      <form id="forward-form" novalidate>
        <div class="field">
          <label for="forward-to">转至</label>
          <select id="forward-to" required />
        </div>
        <div class="field">
          <label for="forward-note">
            转报说明 <span class="hint">（选填，接收机构在收件箱中看到）</span>
          </label>
          <textarea id="forward-note" rows={2} maxlength={500} placeholder="如：材料已核验齐全，请启动并联审批" />
        </div>
        <button type="submit" id="forward-button">
          转报
        </button>
      </form>
    </section>
  );
}

/** The applicant brings the materials the back office asked for (补正): the clock runs again. */
export function SupplementCard() {
  return (
    <section class="card no-print" aria-labelledby="supplement-title" id="supplement-card" hidden>
      <h2 id="supplement-title">申请人补正材料</h2>
      <p id="supplement-note" class="message message-warn" />
      <p class="hint">勾选申请人已补交的材料；要求的材料全部收齐后，办件恢复计时并回到审批机构。</p>
      <ul id="supplement-list" class="checklist" />
      <button type="button" id="supplement-button">
        补正材料已收齐
      </button>
    </section>
  );
}

/** 统一窗口出件: at the window, a locker (with its pick-up code) or by courier, then picked up. */
export function DeliveryCard() {
  return (
    <section class="card" aria-labelledby="delivery-title" id="delivery-card" hidden>
      <h2 id="delivery-title">出件</h2>
      <form id="delivery-form" class="no-print" novalidate>
        <fieldset>
          <legend>出件方式</legend>
          <div class="choice-row">
            <label class="choice">
              <input type="radio" name="delivery-method" value="window" checked /> 窗口领取
            </label>
            <label class="choice">
              <input type="radio" name="delivery-method" value="locker" /> 智能柜自取 <span class="hint">（系统生成取件码）</span>
            </label>
            <label class="choice">
              <input type="radio" name="delivery-method" value="courier" /> 快递送达
            </label>
          </div>
          <div id="courier-fields" class="form-row" hidden>
            <div class="field">
              <label for="courier-name">快递公司</label>
              <input id="courier-name" type="text" maxlength={40} placeholder="如：中国邮政EMS" autocomplete="off" />
            </div>
            <div class="field">
              <label for="courier-tracking">运单号</label>
              <input id="courier-tracking" type="text" maxlength={60} autocomplete="off" spellcheck={false} />
            </div>
          </div>
        </fieldset>
        <button type="submit" id="delivery-button">
          确认出件
        </button>
      </form>
      <div id="delivery-done" hidden>
        <dl id="delivery-facts" class="facts" />
        <div id="locker-code-box" class="locker-code-box" hidden>
          <div>智能柜取件码</div>
          <div id="locker-code" class="query-code" />
          <div class="muted">请将取件码告知申请人（可打印出件凭条），凭码在自助取件柜取件。</div>
        </div>
        <div class="actions no-print">
          <button type="button" id="picked-up-button">
            申请人已领取
          </button>
          <button type="button" class="secondary" id="delivery-print">
            打印出件凭条
          </button>
        </div>
      </div>
    </section>
  );
}

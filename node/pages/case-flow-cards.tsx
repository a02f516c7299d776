import { CASE_FLOW_CARDS } from './ids/desk-ids.js';

/**
 * The cards of a case's way through the offices (前台综合受理、后台分类审批、统一窗口出件), shared by
 * the window's case page and the back office's: hidden until the case's state calls for them;
 * browser/case-flow.ts and browser/office-case.ts fill and show them.
 */

/** The stages of parallel approval, each department's task; the coordination desk may start the next. */
export function StagesCard({ startable }: { startable: boolean }) {
  return (
    <section class="card" aria-labelledby={CASE_FLOW_CARDS.stagesTitle} id={CASE_FLOW_CARDS.stagesCard} hidden>
      <h2 id={CASE_FLOW_CARDS.stagesTitle}>并联审批</h2>
      <p id={CASE_FLOW_CARDS.holderLine} class="holder-line" />
      <div id={CASE_FLOW_CARDS.stagesView} />
      {startable ? (
        <div id={CASE_FLOW_CARDS.stageStartBox} class="stage-start" hidden>
          <p id={CASE_FLOW_CARDS.stageNext} />
          <button type="button" id={CASE_FLOW_CARDS.stageStart}>
            启动下一阶段（全程代办）
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** 不予受理/退件, the holder's to decide; 申请人撤回, recorded by the holder or the accepting hall. */
export function CloseCard() {
  return (
    <section class="card" aria-labelledby={CASE_FLOW_CARDS.closeTitle} id={CASE_FLOW_CARDS.closeCard} hidden>
      <h2 id={CASE_FLOW_CARDS.closeTitle}>退件或撤回</h2>
      <form id={CASE_FLOW_CARDS.closeForm}>
        <div class="field">
          <label for={CASE_FLOW_CARDS.closeReason}>原因</label>
          <textarea
            id={CASE_FLOW_CARDS.closeReason}
            rows={2}
            maxlength={500}
            placeholder="退件须写明原因；申请人撤回可不填"
          />
        </div>
        <div class="actions">
          <button type="submit" class="danger" value="rejected" id={CASE_FLOW_CARDS.rejectButton}>
            不予受理/退件
          </button>
          <button type="submit" class="secondary" value="withdrawn" id={CASE_FLOW_CARDS.withdrawButton}>
            申请人撤回
          </button>
        </div>
      </form>
    </section>
  );
}

/** 转报: upward to the street or the district, or to a department, with a note. */
export function ForwardCard() {
  return (
    <section
      class="card no-print"
      aria-labelledby={CASE_FLOW_CARDS.forwardTitle}
      id={CASE_FLOW_CARDS.forwardCard}
      hidden
    >
      <h2 id={CASE_FLOW_CARDS.forwardTitle}>转报</h2>
      <form id={CASE_FLOW_CARDS.forwardForm} novalidate>
        <div class="field">
          <label for={CASE_FLOW_CARDS.forwardTo}>转至</label>
          <select id={CASE_FLOW_CARDS.forwardTo} required />
        </div>
        <div class="field">
          <label for={CASE_FLOW_CARDS.forwardNote}>
            转报说明 <span class="hint">（选填，接收机构在收件箱中看到）</span>
          </label>
          <textarea
            id={CASE_FLOW_CARDS.forwardNote}
            rows={2}
            maxlength={500}
            placeholder="如：材料已核验齐全，请启动并联审批"
          />
        </div>
        <button type="submit" id={CASE_FLOW_CARDS.forwardButton}>
          转报
        </button>
      </form>
    </section>
  );
}

/** The applicant brings the materials the back office asked for (补正): the clock runs again. */
export function SupplementCard() {
  return (
    <section
      class="card no-print"
      aria-labelledby={CASE_FLOW_CARDS.supplementTitle}
      id={CASE_FLOW_CARDS.supplementCard}
      hidden
    >
      <h2 id={CASE_FLOW_CARDS.supplementTitle}>申请人补正材料</h2>
      <p id={CASE_FLOW_CARDS.supplementNote} class="message message-warn" />
      <p class="hint">勾选申请人已补交的材料；要求的材料全部收齐后，办件恢复计时并回到审批机构。</p>
      <ul id={CASE_FLOW_CARDS.supplementList} class="checklist" />
      <button type="button" id={CASE_FLOW_CARDS.supplementButton}>
        补正材料已收齐
      </button>
    </section>
  );
}

/** 统一窗口出件: at the window, a locker (with its pick-up code) or by courier, then picked up. */
export function DeliveryCard() {
  return (
    <section class="card" aria-labelledby={CASE_FLOW_CARDS.deliveryTitle} id={CASE_FLOW_CARDS.deliveryCard} hidden>
      <h2 id={CASE_FLOW_CARDS.deliveryTitle}>出件</h2>
      <form id={CASE_FLOW_CARDS.deliveryForm} class="no-print" novalidate>
        <fieldset>
          <legend>出件方式</legend>
          <div class="choice-row">
            <label class="choice">
              <input type="radio" name="delivery-method" value="window" checked /> 窗口领取
            </label>
            <label class="choice">
              <input type="radio" name="delivery-method" value="locker" /> 智能柜自取{' '}
              <span class="hint">（系统生成取件码）</span>
            </label>
            <label class="choice">
              <input type="radio" name="delivery-method" value="courier" /> 快递送达
            </label>
          </div>
          <div id={CASE_FLOW_CARDS.courierFields} class="form-row" hidden>
            <div class="field">
              <label for={CASE_FLOW_CARDS.courierName}>快递公司</label>
              <input
                id={CASE_FLOW_CARDS.courierName}
                type="text"
                maxlength={40}
                placeholder="如：中国邮政EMS"
                autocomplete="off"
              />
            </div>
            <div class="field">
              <label for={CASE_FLOW_CARDS.courierTracking}>运单号</label>
              <input
                id={CASE_FLOW_CARDS.courierTracking}
                type="text"
                maxlength={60}
                autocomplete="off"
                spellcheck={false}
              />
            </div>
          </div>
        </fieldset>
        <button type="submit" id={CASE_FLOW_CARDS.deliveryButton}>
          确认出件
        </button>
      </form>
      <div id={CASE_FLOW_CARDS.deliveryDone} hidden>
        <dl id={CASE_FLOW_CARDS.deliveryFacts} class="facts" />
        <div id={CASE_FLOW_CARDS.lockerCodeBox} class="locker-code-box" hidden>
          <div>智能柜取件码</div>
          <div id={CASE_FLOW_CARDS.lockerCode} class="query-code" />
          <div class="muted">请将取件码告知申请人（可打印出件凭条），凭码在自助取件柜取件。</div>
        </div>
        <div class="actions no-print">
          <button type="button" id={CASE_FLOW_CARDS.pickedUpButton}>
            申请人已领取
          </button>
          <button type="button" class="secondary" id={CASE_FLOW_CARDS.deliveryPrint}>
            打印出件凭条
          </button>
        </div>
      </div>
    </section>
  );
}

/** 退回补正: back to a hall below that took part, for materials the applicant brings; the clock stops meanwhile. */
export function ReturnCard() {
  return (
    <section class="card no-print" aria-labelledby={CASE_FLOW_CARDS.returnTitle} id={CASE_FLOW_CARDS.returnCard} hidden>
      <h2 id={CASE_FLOW_CARDS.returnTitle}>退回补正</h2>
      <p class="hint">退回受理窗口，由申请人补交材料；等待期间暂停计时，补齐后顺延承诺办结时间。</p>
      <form id={CASE_FLOW_CARDS.returnForm} novalidate>
        <div class="field">
          <label for={CASE_FLOW_CARDS.returnTo}>退回至</label>
          <select id={CASE_FLOW_CARDS.returnTo} />
        </div>
        <fieldset>
          <legend>需要补交的材料</legend>
          <ul id={CASE_FLOW_CARDS.returnMaterials} class="checklist" />
        </fieldset>
        <div class="field">
          <label for={CASE_FLOW_CARDS.returnNote}>补正说明（一次性告知，将短信通知申请人）</label>
          <textarea id={CASE_FLOW_CARDS.returnNote} rows={2} maxlength={500} required />
        </div>
        <button type="submit" class="secondary" id={CASE_FLOW_CARDS.returnButton}>
          退回补正
        </button>
      </form>
    </section>
  );
}

/** 特别程序: the office holding the case moves its deadline by working days, for a stated reason. */
export function ExtendCard() {
  return (
    <section class="card no-print" aria-labelledby={CASE_FLOW_CARDS.extendTitle} id={CASE_FLOW_CARDS.extendCard} hidden>
      <h2 id={CASE_FLOW_CARDS.extendTitle}>延长办理时限（特别程序）</h2>
      <form id={CASE_FLOW_CARDS.extendForm} class="form-row" novalidate>
        <div class="field xnarrow">
          <label for={CASE_FLOW_CARDS.extendDays}>工作日</label>
          <input id={CASE_FLOW_CARDS.extendDays} type="text" inputmode="numeric" maxlength={2} />
        </div>
        <div class="field">
          <label for={CASE_FLOW_CARDS.extendReason}>原因</label>
          <input id={CASE_FLOW_CARDS.extendReason} type="text" maxlength={500} placeholder="如：需组织专家评审" />
        </div>
        <div class="field auto">
          <button type="submit" class="secondary" id={CASE_FLOW_CARDS.extendButton}>
            延长
          </button>
        </div>
      </form>
    </section>
  );
}

/** Why an action is not offered to this office now: who holds the case, what is outstanding, what runs. */
export function WhyCard() {
  return (
    <section class="card why-card" aria-labelledby={CASE_FLOW_CARDS.whyTitle} id={CASE_FLOW_CARDS.whyCard} hidden>
      <h2 id={CASE_FLOW_CARDS.whyTitle}>暂不能进行的操作</h2>
      <ul id={CASE_FLOW_CARDS.whyList} class="why-list" />
    </section>
  );
}

import { FloorLayout } from './floor-layout.js';
import type { PageContext } from './page-context.js';
import { KIOSK_PAGE } from './ids/floor-ids.js';

const LETTERS = 'ABCDEFGHIJKLMNO';
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];

/** The on-screen keypad of the kiosk: a touch screen has no keyboard. */
function Keypad() {
  return (
    <div class="keypad" id={KIOSK_PAGE.keypad} role="group" aria-label="数字键盘">
      {KEYS.map((k) => (
        <button type="button" class="key" data-key={k} aria-label={k === 'X' ? '字母 X' : `数字 ${k}`}>
          {k}
        </button>
      ))}
      <button type="button" class="key key-wide" data-key="back" aria-label="删除一位">
        删除
      </button>
    </div>
  );
}

/**
 * `/queue/kiosk`: 取号机, one number for any of the hall's 15 categories (browser/kiosk.ts). Big touch
 * targets; by ID card, phone or as a walk-in; the priority lane; check-in of a booked appointment.
 */
export function KioskPage({ ctx, categories }: { ctx: PageContext; categories: { number: number; name: string }[] }) {
  return (
    <FloorLayout ctx={ctx} title="自助取号" variant="kiosk" scripts={['kiosk']}>
      <noscript>
        <p class="message message-error">取号机需要启用 JavaScript，请联系大厅工作人员。</p>
      </noscript>
      <div id={KIOSK_PAGE.kioskMsg} hidden />

      <section id={KIOSK_PAGE.stepCategory} class="kiosk-step" aria-labelledby={KIOSK_PAGE.catTitle}>
        <div class="kiosk-head">
          <h1 id={KIOSK_PAGE.catTitle} class="kiosk-prompt">
            请选择您要办理的业务
          </h1>
          <p id={KIOSK_PAGE.catHint} class="kiosk-hint">
            一号通办：选择业务大类即可取号，到任一可办理窗口办理
          </p>
        </div>
        <ul class="kiosk-categories" aria-label="业务大类">
          {categories.map((c) => (
            <li>
              <button
                type="button"
                class="kiosk-cat"
                data-category={String(c.number)}
                disabled
                aria-describedby={KIOSK_PAGE.catWait(c.number)}
              >
                <span class="kiosk-cat-letter" aria-hidden="true">
                  {LETTERS[c.number - 1]}
                </span>
                <span class="kiosk-cat-name">{c.name}</span>
                <span class="kiosk-cat-wait" id={KIOSK_PAGE.catWait(c.number)}>
                  …
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div class="kiosk-footer-actions">
          <button type="button" id={KIOSK_PAGE.goAppointment} class="kiosk-wide secondary">
            已预约？预约签到
          </button>
          <p class="kiosk-hint">本大厅无声叫号：请留意叫号大屏，留手机号的将收到两次短信提醒。</p>
        </div>
      </section>

      <section id={KIOSK_PAGE.stepWho} class="kiosk-step" aria-labelledby={KIOSK_PAGE.whoTitle} hidden>
        <div class="kiosk-head">
          <h1 id={KIOSK_PAGE.whoTitle} class="kiosk-prompt">
            请选择取号方式
          </h1>
          <p class="kiosk-hint">
            业务：
            <strong id={KIOSK_PAGE.whoCategory} />
          </p>
        </div>
        <div class="kiosk-who">
          <div class="kiosk-who-main">
            <div class="kiosk-modes" role="radiogroup" aria-label="取号方式">
              <button type="button" class="kiosk-mode" role="radio" aria-checked="true" data-via="id-card">
                <strong>身份证</strong>
                <span>刷卡或输入身份证号码</span>
              </button>
              <button type="button" class="kiosk-mode" role="radio" aria-checked="false" data-via="phone">
                <strong>手机号</strong>
                <span>叫号前短信提醒</span>
              </button>
              <button
                type="button"
                class="kiosk-mode"
                role="radio"
                aria-checked="false"
                data-via="walk-in"
                id={KIOSK_PAGE.modeWalkIn}
              >
                <strong>直接取号</strong>
                <span>不留信息，请留意大屏</span>
              </button>
            </div>
            <div id={KIOSK_PAGE.whoEntry} class="kiosk-entry">
              <label for={KIOSK_PAGE.whoInput} id={KIOSK_PAGE.whoLabel}>
                身份证号码
              </label>
              <input
                id={KIOSK_PAGE.whoInput}
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck={false}
                maxlength={18}
              />
              <div id={KIOSK_PAGE.whoPhoneExtra} class="kiosk-entry-extra" hidden={false}>
                <label for={KIOSK_PAGE.whoPhone}>
                  手机号码 <span class="hint">（选填，接收叫号短信；一表一库中有登记的可不填）</span>
                </label>
                <input id={KIOSK_PAGE.whoPhone} type="tel" inputmode="numeric" autocomplete="off" maxlength={11} />
              </div>
              <div id={KIOSK_PAGE.appointmentEntry} class="kiosk-entry-extra" hidden>
                <label for={KIOSK_PAGE.appointmentId}>
                  预约号 <span class="hint">（选填，如 20261123-7KQ2M9XC4T；不填则按证件或手机号查找今天的预约）</span>
                </label>
                <input
                  id={KIOSK_PAGE.appointmentId}
                  type="text"
                  autocomplete="off"
                  autocapitalize="characters"
                  spellcheck={false}
                  maxlength={19}
                />
              </div>
            </div>
            <fieldset class="kiosk-priority" id={KIOSK_PAGE.priorityBox}>
              <legend>优先窗口</legend>
              <p class="kiosk-hint">
                老年人、残疾人、孕妇、伤病人员、军人及军属、消防救援人员可选择优先办理（65 岁以上刷身份证自动优先）。
              </p>
              <div class="kiosk-reasons" id={KIOSK_PAGE.priorityReasons} role="radiogroup" aria-label="优先原因">
                <button type="button" class="kiosk-reason" role="radio" aria-checked="true" data-reason="">
                  不需要
                </button>
              </div>
            </fieldset>
          </div>
          <Keypad />
        </div>
        <div class="kiosk-footer-actions">
          <button type="button" id={KIOSK_PAGE.whoBack} class="kiosk-wide secondary">
            返回
          </button>
          <button type="button" id={KIOSK_PAGE.whoIssue} class="kiosk-wide">
            取号
          </button>
        </div>
      </section>

      <section id={KIOSK_PAGE.stepDone} class="kiosk-step" aria-labelledby={KIOSK_PAGE.doneTitle} hidden>
        <div class="slip" id={KIOSK_PAGE.slip} aria-live="polite">
          <h1 id={KIOSK_PAGE.doneTitle} class="slip-title">
            取号成功
          </h1>
          <p class="slip-hall">{ctx.orgName}</p>
          <p class="slip-number" id={KIOSK_PAGE.slipNumber} />
          <p class="slip-category" id={KIOSK_PAGE.slipCategory} />
          <p class="slip-lane" id={KIOSK_PAGE.slipLane} hidden />
          <p class="slip-ahead">
            您前面还有 <strong id={KIOSK_PAGE.slipAhead} /> 人等候
            <span id={KIOSK_PAGE.slipWait} />
          </p>
          <div class="slip-follow">
            <img id={KIOSK_PAGE.slipQr} class="slip-qr" alt="扫码查看排队进度" width={168} height={168} />
            <div>
              <p>
                <strong>手机扫码，随时查看排队进度</strong>
              </p>
              <p class="slip-link">
                <a id={KIOSK_PAGE.slipLink} href="#" />
              </p>
              <p class="kiosk-hint" id={KIOSK_PAGE.slipSms} />
              <p class="kiosk-hint">过号后可在规定时间内凭此码补号，无需重新排队。</p>
            </div>
          </div>
          <p class="slip-time" id={KIOSK_PAGE.slipTime} />
        </div>
        <div class="kiosk-footer-actions no-print">
          <button type="button" id={KIOSK_PAGE.donePrint} class="kiosk-wide secondary">
            打印号票
          </button>
          <button type="button" id={KIOSK_PAGE.doneFinish} class="kiosk-wide">
            完成
          </button>
        </div>
        <p class="kiosk-hint no-print" id={KIOSK_PAGE.doneReset} aria-live="off" />
      </section>
    </FloorLayout>
  );
}

import { FloorLayout } from './floor-layout.js';
import type { PageContext } from './page-context.js';

const LETTERS = 'ABCDEFGHIJKLMNO';
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'];

/** The on-screen keypad of the kiosk: a touch screen has no keyboard. */
function Keypad() {
  return (
    <div class="keypad" id="keypad" role="group" aria-label="数字键盘">
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
 * `/queue/kiosk`: 取号机, one number for any of the hall's 15 categories (kiosk.js). Big touch
 * targets; by ID card, phone or as a walk-in; the priority lane; check-in of a booked appointment.
 */
export function KioskPage({ ctx, categories }: { ctx: PageContext; categories: { number: number; name: string }[] }) {
  return (
    <FloorLayout ctx={ctx} title="自助取号" variant="kiosk" scripts={['kiosk.js']}>
      <noscript>
        <p class="message message-error">取号机需要启用 JavaScript，请联系大厅工作人员。</p>
      </noscript>
      <div id="kiosk-msg" hidden />

      <section id="step-category" class="kiosk-step" aria-labelledby="cat-title">
        <div class="kiosk-head">
          <h1 id="cat-title" class="kiosk-prompt">请选择您要办理的业务</h1>
          <p id="cat-hint" class="kiosk-hint">一号通办：选择业务大类即可取号，到任一可办理窗口办理</p>
        </div>
        <ul class="kiosk-categories" aria-label="业务大类">
          {categories.map((c) => (
            <li>
              <button type="button" class="kiosk-cat" data-category={String(c.number)} disabled aria-describedby={`cat-wait-${c.number}`}>
                <span class="kiosk-cat-letter" aria-hidden="true">
                  {LETTERS[c.number - 1]}
                </span>
                <span class="kiosk-cat-name">{c.name}</span>
                <span class="kiosk-cat-wait" id={`cat-wait-${c.number}`}>
                  …
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div class="kiosk-footer-actions">
          <button type="button" id="go-appointment" class="kiosk-wide secondary">
            已预约？预约签到
          </button>
          <p class="kiosk-hint">本大厅无声叫号：请留意叫号大屏，留手机号的将收到两次短信提醒。</p>
        </div>
      </section>

      <section id="step-who" class="kiosk-step" aria-labelledby="who-title" hidden>
        <div class="kiosk-head">
          <h1 id="who-title" class="kiosk-prompt">
            请选择取号方式
          </h1>
          <p class="kiosk-hint">
            业务：<strong id="who-category" />
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
              <button type="button" class="kiosk-mode" role="radio" aria-checked="false" data-via="walk-in" id="mode-walk-in">
                <strong>直接取号</strong>
                <span>不留信息，请留意大屏</span>
              </button>
            </div>
            <div id="who-entry" class="kiosk-entry">
              <label for="who-input" id="who-label">
                身份证号码
              </label>
              <input id="who-input" type="text" inputmode="numeric" autocomplete="off" spellcheck={false} maxlength={18} />
              <div id="who-phone-extra" class="kiosk-entry-extra" hidden={false}>
                <label for="who-phone">
                  手机号码 <span class="hint">（选填，接收叫号短信；一表一库中有登记的可不填）</span>
                </label>
                <input id="who-phone" type="tel" inputmode="numeric" autocomplete="off" maxlength={11} />
              </div>
              <div id="appointment-entry" class="kiosk-entry-extra" hidden>
                <label for="appointment-id">
                  预约号 <span class="hint">（选填，如 20261123-7KQ2M9XC4T；不填则按证件或手机号查找今天的预约）</span>
                </label>
                <input id="appointment-id" type="text" autocomplete="off" autocapitalize="characters" spellcheck={false} maxlength={19} />
              </div>
            </div>
            <fieldset class="kiosk-priority" id="priority-box">
              <legend>优先窗口</legend>
              <p class="kiosk-hint">老年人、残疾人、孕妇、伤病人员、军人及军属、消防救援人员可选择优先办理（65 岁以上刷身份证自动优先）。</p>
              <div class="kiosk-reasons" id="priority-reasons" role="radiogroup" aria-label="优先原因">
                <button type="button" class="kiosk-reason" role="radio" aria-checked="true" data-reason="">
                  不需要
                </button>
              </div>
            </fieldset>
          </div>
          <Keypad />
        </div>
        <div class="kiosk-footer-actions">
          <button type="button" id="who-back" class="kiosk-wide secondary">
            返回
          </button>
          <button type="button" id="who-issue" class="kiosk-wide">
            取号
          </button>
        </div>
      </section>

      <section id="step-done" class="kiosk-step" aria-labelledby="done-title" hidden>
        <div class="slip" id="slip" aria-live="polite">
          <h1 id="done-title" class="slip-title">
            取号成功
          </h1>
          <p class="slip-hall">{ctx.orgName}</p>
          <p class="slip-number" id="slip-number" />
          <p class="slip-category" id="slip-category" />
          <p class="slip-lane" id="slip-lane" hidden />
          <p class="slip-ahead">
            您前面还有 <strong id="slip-ahead" /> 人等候
          </p>
          <div class="slip-follow">
            <img id="slip-qr" class="slip-qr" alt="扫码查看排队进度" width={168} height={168} />
            <div>
              <p>
                <strong>手机扫码，随时查看排队进度</strong>
              </p>
              <p class="slip-link">
                <a id="slip-link" href="#" />
              </p>
              <p class="kiosk-hint" id="slip-sms" />
              <p class="kiosk-hint">过号后可在规定时间内凭此码补号，无需重新排队。</p>
            </div>
          </div>
          <p class="slip-time" id="slip-time" />
        </div>
        <div class="kiosk-footer-actions no-print">
          <button type="button" id="done-print" class="kiosk-wide secondary">
            打印号票
          </button>
          <button type="button" id="done-finish" class="kiosk-wide">
            完成
          </button>
        </div>
        <p class="kiosk-hint no-print" id="done-reset" aria-live="off" />
      </section>
    </FloorLayout>
  );
}

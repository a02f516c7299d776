import { FloorLayout } from './floor-layout.js';
import type { PageContext } from './page-context.js';
import { RatingForm } from './rating-form.js';
import { RATING_DEVICE_PAGE } from './ids/supervision-ids.js';

/**
 * `/rate/window/:window`: 评议器, the tablet at a window (browser/rating-device.ts). Paired once with the
 * window by a code the clerk gets on his queue panel, it waits for the clerk to offer a rating, then
 * shows five big buttons; after the resident sends his rating it thanks him and never shows which
 * level he chose, since the clerk can see the screen.
 */
export function RatingDevicePage({
  ctx,
  window,
  windowName,
}: {
  ctx: PageContext;
  window: string;
  windowName: string;
}) {
  return (
    <FloorLayout
      ctx={ctx}
      title={`${windowName} · 服务评价`}
      variant="kiosk"
      styles={['rating.css']}
      scripts={['rating-device']}
      data={{ window }}
    >
      <noscript>
        <p class="message message-error">评议器需要启用 JavaScript，请联系大厅工作人员。</p>
      </noscript>
      <section
        id={RATING_DEVICE_PAGE.devicePair}
        class="device-panel"
        aria-labelledby={RATING_DEVICE_PAGE.pairTitle}
        hidden
      >
        <h1 id={RATING_DEVICE_PAGE.pairTitle} class="device-title" tabindex={-1}>
          评议器配对
        </h1>
        <p class="device-lead">
          本评议器尚未与{windowName}配对。请窗口工作人员在叫号面板点击“配对评议器”，并在此输入显示的 6 位配对码。
        </p>
        <form id={RATING_DEVICE_PAGE.pairForm} class="form-row" novalidate>
          <div class="field">
            <label for={RATING_DEVICE_PAGE.pairCode}>配对码</label>
            <input
              id={RATING_DEVICE_PAGE.pairCode}
              inputmode="numeric"
              autocomplete="off"
              maxlength={6}
              pattern="\d{6}"
              required
            />
          </div>
          <div class="field auto">
            <button type="submit">配对</button>
          </div>
        </form>
        <p id={RATING_DEVICE_PAGE.pairMsg} role="alert" hidden />
      </section>
      <section
        id={RATING_DEVICE_PAGE.deviceIdle}
        class="device-panel"
        aria-labelledby={RATING_DEVICE_PAGE.idleTitle}
        hidden
      >
        <h1 id={RATING_DEVICE_PAGE.idleTitle} class="device-title">
          欢迎对我们的服务作出评价
        </h1>
        <p class="device-lead">
          办理结束后，工作人员将请您在此评价。您的评价直接提交至区效能监察，窗口工作人员看不到评价结果。
        </p>
        <p id={RATING_DEVICE_PAGE.deviceLink} class="device-link" role="status">
          正在连接…
        </p>
      </section>
      <section
        id={RATING_DEVICE_PAGE.deviceAsk}
        class="device-panel"
        aria-labelledby={RATING_DEVICE_PAGE.askTitle}
        hidden
      >
        <h1 id={RATING_DEVICE_PAGE.askTitle} class="device-title" tabindex={-1}>
          请对本次服务作出评价
        </h1>
        <p class="device-subject">
          <span id={RATING_DEVICE_PAGE.askSubject} />
          <span id={RATING_DEVICE_PAGE.askLeft} class="device-left" />
        </p>
        <RatingForm size="device" />
      </section>
      <section
        id={RATING_DEVICE_PAGE.deviceThanks}
        class="device-panel device-thanks"
        aria-labelledby={RATING_DEVICE_PAGE.thanksTitle}
        hidden
      >
        <h1 id={RATING_DEVICE_PAGE.thanksTitle} class="device-title" tabindex={-1}>
          感谢您的评价！
        </h1>
        <p class="device-lead">您的意见将用于改进我们的服务。</p>
      </section>
    </FloorLayout>
  );
}

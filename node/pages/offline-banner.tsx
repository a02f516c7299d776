import { formatDateTime } from './format.js';
import type { LinkState } from './link-state.js';
import { OFFLINE_BANNER } from './ids/shared-ids.js';
import { REVOKED_BANNER_TEXT } from './revoked-text.js';

/**
 * The banner every page shows while the node cannot reach the hub, or is refused by it (its certificate revoked). Rendered with the state at
 * the time of the request; browser/link-banner.ts keeps it current from /pages/link.json.
 */
export function OfflineBanner({ link }: { link: LinkState }) {
  const offline = link.state === 'offline';
  const alone = link.state === 'alone' && !link.revoked;
  return (
    <div
      id={OFFLINE_BANNER.linkBanner}
      class={`link-banner ${alone ? 'is-alone' : 'is-offline'}`}
      role="status"
      aria-live="polite"
      hidden={!offline && !alone && !link.revoked}
    >
      <span class="link-banner-icon" aria-hidden="true">
        !
      </span>
      <span id={OFFLINE_BANNER.linkBannerText}>
        {link.revoked
          ? REVOKED_BANNER_TEXT
          : alone
            ? '本节点独立运行，未连接区级平台。'
            : `本节点与区级平台的连接已中断${link.offlineSince ? `（自 ${formatDateTime(link.offlineSince)} 起）` : ''}。本站业务照常办理，恢复连接后数据自动同步。`}
      </span>
    </div>
  );
}

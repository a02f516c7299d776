// Keeps the offline banner current: polls the node's public link state every few seconds.
import { OFFLINE_BANNER } from '../ids/shared-ids.js';
import type { LinkState } from '../link-state.js';
import { REVOKED_BANNER_TEXT } from '../revoked-text.js';
import { api } from './api.js';
import { CONFIG } from './config.js';
import { byId } from './dom.js';
import { fmtDateTime } from './formats.js';

const POLL_MS = 4000;
const banner = byId(OFFLINE_BANNER.linkBanner);
const text = byId(OFFLINE_BANNER.linkBannerText);

function show(link: LinkState): void {
  const offline = link.state === 'offline';
  const alone = link.state === 'alone' && !link.revoked;
  banner.hidden = !offline && !alone && !link.revoked;
  banner.classList.toggle('is-alone', alone);
  banner.classList.toggle('is-offline', !alone);
  text.textContent = link.revoked
    ? REVOKED_BANNER_TEXT
    : alone
      ? '本节点独立运行，未连接区级平台。'
      : `本节点与区级平台的连接已中断${link.offlineSince ? `（自 ${fmtDateTime(link.offlineSince)} 起）` : ''}。本站业务照常办理，恢复连接后数据自动同步。`;
}

async function poll(): Promise<void> {
  const answer = await api<LinkState>('/pages/link.json');
  if (answer.ok) show(answer.body);
  setTimeout(poll, POLL_MS);
}

show(CONFIG.link);
setTimeout(poll, POLL_MS);

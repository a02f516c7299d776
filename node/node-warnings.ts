import { X509Certificate } from 'node:crypto';
import { chainSerials } from './auth/node-chain.js';
import { CASE_RIGHTS } from '../sync/index.js';
import { chinaDate } from './domain/working-days.js';
import type { NodeServices } from './services.js';

const DAY_MS = 86_400_000;
/** How long before its end a certificate is warned about: time to ask the issuer for a renewal and install it. */
export const CERTIFICATE_WARN_DAYS = 30;
/** How long before they end the hall's case rights are warned about. */
export const RIGHTS_WARN_DAYS = 14;
/** How long before the end of its last calendar a node without the next year's warns. */
export const CALENDAR_WARN_DAYS = 30;
/** After how long offline the node says that central changes are not reaching it. */
export const OFFLINE_WARN_DAYS = 3;

/** What a hall working alone for long must know before it bites: calendars, certificate, rights, the link. */
export type NodeWarningCode =
  | 'calendar-ended'
  | 'calendar-ending'
  | 'certificate-revoked'
  | 'certificate-expired'
  | 'certificate-expiring'
  | 'rights-ended'
  | 'rights-ending'
  | 'long-offline';

/** One warning, in Chinese for the hall's staff; `alert` when something already stopped working. */
export interface NodeWarning {
  code: NodeWarningCode;
  severity: 'warn' | 'alert';
  text: string;
}

/** Whether the district revoked this node's certificate (or one above it): no one logs in here any more. */
export function certificateRevoked(s: NodeServices): boolean {
  return !!s.signer && chainSerials(s.signer.chainPem).some((serial) => s.reference.isRevoked(serial));
}

/**
 * The warnings a node shows on `/status` and the window page, read at this moment of the node's
 * clock: the last calendar it holds running out (deadlines computed past it count weekends only
 * and are provisional), its certificate nearing or past its end (past it, the hub does not let it
 * sync; local work goes on), the hall's case rights nearing or past their end (past it, nothing
 * new is accepted), and a long time offline (central changes not received).
 */
export async function nodeWarnings(s: NodeServices): Promise<NodeWarning[]> {
  const now = s.clock();
  const leaf = s.signer?.chainPem[0];
  const certificateEnd = leaf ? new Date(new X509Certificate(leaf).validTo) : undefined;
  const today = chinaDate(now);
  const days = (until: Date) => Math.max(0, Math.ceil((until.getTime() - now.getTime()) / DAY_MS));
  const out: NodeWarning[] = [];

  const year = s.reference.lastCalendarYear;
  if (year !== undefined) {
    const end = `${year}-12-31`;
    if (today > end) {
      out.push({
        code: 'calendar-ended',
        severity: 'alert',
        text: `本站持有的工作日历止于 ${end}，尚未收到 ${year + 1} 年日历：现在计算的办理期限只扣除周末、未计法定节假日和调休，均为暂定；恢复连接收到新日历后请核对。`,
      });
    } else if (Date.parse(`${end}T23:59:59+08:00`) - now.getTime() < CALENDAR_WARN_DAYS * DAY_MS) {
      out.push({
        code: 'calendar-ending',
        severity: 'warn',
        text: `尚未收到 ${year + 1} 年工作日历：期限落在 ${end} 之后的办件只按周末推算，为暂定期限。`,
      });
    }
  }

  if (certificateRevoked(s)) {
    out.push({
      code: 'certificate-revoked',
      severity: 'alert',
      text: '本节点（或其上级）的证书已被区政务服务中心吊销：区级平台和其他站点不再接受本站，工作人员登录已失效。请联系区政务服务中心，为本站重新生成密钥并签发证书。',
    });
  } else if (certificateEnd) {
    if (certificateEnd.getTime() < now.getTime()) {
      out.push({
        code: 'certificate-expired',
        severity: 'alert',
        text: `本节点证书已于 ${chinaDate(certificateEnd)} 过期：区级平台不再接受本站同步，本地业务照常办理。请向上级申请续期（沿用本节点密钥），安装新证书并重启节点后，期间的全部工作将照常上传。`,
      });
    } else if (certificateEnd.getTime() - now.getTime() < CERTIFICATE_WARN_DAYS * DAY_MS) {
      out.push({
        code: 'certificate-expiring',
        severity: 'warn',
        text: `本节点证书将于 ${chinaDate(certificateEnd)} 到期（剩余 ${days(certificateEnd)} 天）：到期后无法与区级平台同步。请尽快向上级申请续期并安装。`,
      });
    }
  }

  // The district root holds every right; a node not enrolled has no grants to run out.
  if (s.signer && s.org.includes('/')) {
    const until = await s.reference.grants.heldUntil({ org: s.org }, s.org, (r) => CASE_RIGHTS.includes(r), now);
    if (!until) {
      out.push({
        code: 'rights-ended',
        severity: 'alert',
        text: '本站当前没有有效的办件授权（已到期或尚未授予）：不能受理和办理办件，已办理的不受影响。请联系上级机构续期；收到新授权后自动恢复。',
      });
    } else if (until.getTime() - now.getTime() < RIGHTS_WARN_DAYS * DAY_MS) {
      out.push({
        code: 'rights-ending',
        severity: 'warn',
        text: `本站办件授权将于 ${chinaDate(until)} 到期（剩余 ${days(until)} 天），尚未收到续期授权：到期后不能受理新办件。请联系上级机构续期。`,
      });
    }
  }

  const since = s.sync?.status().offlineSince;
  if (since && now.getTime() - Date.parse(since) > OFFLINE_WARN_DAYS * DAY_MS) {
    out.push({
      code: 'long-offline',
      severity: 'warn',
      text: `本站已离线 ${Math.floor((now.getTime() - Date.parse(since)) / DAY_MS)} 天（自 ${chinaDate(new Date(since))} 起）：期间区级平台对工作人员账户、身份密钥、事项、日历和授权的更改尚未送达本站，恢复连接后自动更新。`,
    });
  }
  return out;
}

// 节点状态: sync, waiting and refused documents, the certificate; refreshed every few seconds.
// Refusals and errors read in Chinese; the rule's English words are in each cell's tooltip and the node's log.
import type { SyncStatus } from '../../../sync/node-only.js';
import { STATUS_PAGE as P } from '../ids/desk-ids.js';
import { errorText } from './api.js';
import { clerkApi, requireClerk } from './clerk-session.js';
import { L, label } from './config.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDateTime } from './formats.js';
import { organisations, type Org } from './organisations.js';
import { chinesePart, refusalText, syncErrorText } from '../refusal-text.js';

/** What GET /api/status answers (node/http/routes/status.ts); a node without a hub reports only `alone`. */
interface NodeStatus {
  org: string;
  orgName: string;
  cases: number;
  matters: number;
  sync: Partial<Omit<SyncStatus, 'state' | 'connected'>> & { state: SyncStatus['state'] | 'alone'; connected: boolean };
  certificate: { subject: string; issuer: string; serial: string; validTo: string; fingerprint: string } | null;
  integrity: {
    flagged: {
      id: string;
      queryCode: string;
      flags: { eventId: string; kind: string; at: string; actor: { org: string }; reason: string }[];
    }[];
    untrusted: { id: string; reason: 'no-valid-acceptance' | 'not-ours' }[];
  };
}

const UNTRUSTED_TEXT = {
  'no-valid-acceptance': '受理记录签名无效，整件不予采信',
  'not-ours': '不属于本站辖区，不予显示',
} as const;

const REFRESH_MS = 3000;
const DAY_MS = 86_400_000;
const fact = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];

/** One attribute (CN, OU) of a certificate's subject or issuer as Node prints it, one per line. */
const attribute = (dn: string, key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(dn)?.[1]?.trim();

/** An organisation as a clerk knows it: its name and what it is (皇城根社区服务站（社区节点）). */
function orgText(o: Org): string {
  return `${o.name}（${L.level[o.level]}${o.kind === 'department' ? '部门' : ''}节点）`;
}

/**
 * Who a certificate's subject or issuer is, in words: the organisation its OU names, when the
 * certificate's CN is that organisation's name; else (the district's root CA) its CN, as a root.
 */
function holderText(dn: string, orgs: Map<string, Org>): string {
  const path = attribute(dn, 'OU');
  const cn = attribute(dn, 'CN');
  const org = path ? orgs.get(path) : undefined;
  if (org && (!cn || cn === org.name)) return orgText(org);
  return cn ? `${cn}（区级根证书）` : (path ?? dn);
}

function render(s: NodeStatus, orgs: Map<string, Org>): void {
  const sync = s.sync;
  const connected = sync.connected;
  const conn = byId(P.stConnection);
  conn.textContent =
    sync.state === 'alone'
      ? '独立运行'
      : connected
        ? '已连接'
        : sync.state === 'offline'
          ? '离线'
          : label(L.syncState, sync.state);
  conn.className = `stat ${connected ? 'light-green' : sync.state === 'offline' ? 'light-red' : ''}`;
  byId(P.stConnectionDetail).textContent = sync.offlineSince
    ? `自 ${fmtDateTime(sync.offlineSince)} 起离线`
    : sync.lastSyncAt
      ? `最近同步 ${fmtDateTime(sync.lastSyncAt)}`
      : '';
  byId(P.stWaiting).textContent = String(sync.waitingUp ?? 0);
  byId(P.stRefused).textContent = String(sync.refused?.length ?? 0);
  byId(P.stCases).textContent = String(s.cases);
  byId(P.stMatters).textContent = `件办件；本站事项 ${s.matters} 个`;
  fill(
    byId(P.stSync),
    fact('本站', orgs.get(s.org) ? orgText(orgs.get(s.org)!) : s.orgName),
    fact('同步状态', label(L.syncState, sync.state)),
    fact('最近同步', fmtDateTime(sync.lastSyncAt)),
    fact('离线起始', sync.offlineSince ? fmtDateTime(sync.offlineSince) : '—'),
    fact('最近错误', sync.lastError ? h('span', { title: sync.lastError }, syncErrorText(sync.lastError)) : '—'),
    fact(
      '已拉取文档',
      sync.pulled === undefined ? '—' : `${sync.pulled} 个${sync.pendingDown ? `，尚余 ${sync.pendingDown} 个` : ''}`,
    ),
  );
  const cert = s.certificate;
  // The page refreshes every few seconds: an operator's open technical details stay open.
  const technicalOpen = (document.getElementById(P.stCertTechnical) as HTMLDetailsElement | null)?.open ?? false;
  const left = cert ? Math.floor((Date.parse(cert.validTo) - Date.now()) / DAY_MS) : 0;
  fill(
    byId(P.stCert),
    cert
      ? [
          fact('持证单位', holderText(cert.subject, orgs)),
          fact('签发单位', holderText(cert.issuer, orgs)),
          fact(
            '有效期至',
            fmtDateTime(cert.validTo),
            ' ',
            h('span', { class: left < 30 ? 'light-red' : 'muted' }, left < 0 ? '（已过期）' : `（剩余 ${left} 天）`),
          ),
          // What an operator checks against the district's records; a clerk need not open it.
          fact(
            '运维核对',
            h(
              'details',
              { id: P.stCertTechnical, open: technicalOpen },
              h('summary', {}, '证书主体、序列号、指纹等技术信息'),
              h(
                'dl',
                { class: 'facts' },
                fact('本站编码', h('code', {}, s.org)),
                fact('主体', cert.subject.replace(/\n/g, ', ')),
                fact('签发者', cert.issuer.replace(/\n/g, ', ')),
                fact('序列号', cert.serial),
                fact('SHA-256 指纹', h('code', { class: 'wrap' }, cert.fingerprint)),
              ),
            ),
          ),
        ]
      : fact('证书', '未安装：本节点尚未注册，只能独立运行'),
  );
  const refused = sync.refused ?? [];
  fill(
    byId(P.stRefusedBody),
    refused.length
      ? [...refused]
          .reverse()
          .map((r) =>
            h(
              'tr',
              {},
              h('td', {}, h('code', {}, r.id)),
              h('td', { title: r.reason }, refusalText(r.id, r.reason)),
              h('td', {}, fmtDateTime(r.at)),
            ),
          )
      : h('tr', {}, h('td', { colspan: '3', class: 'muted' }, '没有被拒文档。')),
  );
  const rows = [
    ...s.integrity.flagged.flatMap((c) =>
      c.flags.map((f) =>
        h(
          'tr',
          {},
          h('td', {}, c.queryCode),
          h('td', {}, label(L.event, f.kind)),
          h('td', { title: f.actor.org }, orgs.get(f.actor.org)?.name ?? f.actor.org),
          h('td', { title: f.reason }, chinesePart(f.reason) ?? f.reason),
          h('td', {}, fmtDateTime(f.at)),
        ),
      ),
    ),
    ...s.integrity.untrusted.map((u) =>
      h(
        'tr',
        {},
        h('td', {}, h('code', {}, u.id)),
        h('td', {}, '—'),
        h('td', {}, '—'),
        h('td', {}, UNTRUSTED_TEXT[u.reason]),
        h('td', {}, '—'),
      ),
    ),
  ];
  fill(
    byId(P.stIntegrityBody),
    rows.length ? rows : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '没有未采信的记录。')),
  );
}

let timer: ReturnType<typeof setTimeout> | undefined;
async function refresh(): Promise<void> {
  clearTimeout(timer);
  const [answer, orgs] = await Promise.all([clerkApi<NodeStatus>('/api/status'), organisations()]);
  if (answer.ok) {
    say(byId(P.statusMsg), '');
    render(answer.body, orgs);
  } else if (answer.status !== 401) say(byId(P.statusMsg), errorText(answer));
  if (answer.status !== 401) timer = setTimeout(refresh, REFRESH_MS);
}

requireClerk(() => void refresh());

// 节点状态: sync, waiting and refused documents, the certificate; refreshed every few seconds.
// Refusals and errors read in Chinese; the rule's English words are in each cell's tooltip and the node's log.
import type { SyncStatus } from '../../../sync/node-only.js';
import { STATUS_PAGE as P } from '../ids/desk-ids.js';
import { errorText } from './api.js';
import { clerkApi, requireClerk } from './clerk-session.js';
import { L, label } from './config.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDateTime } from './formats.js';
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

function render(s: NodeStatus): void {
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
    fact('本站', `${s.orgName}（${s.org}）`),
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
  const left = cert ? Math.floor((Date.parse(cert.validTo) - Date.now()) / DAY_MS) : 0;
  fill(
    byId(P.stCert),
    cert
      ? [
          fact('主体', cert.subject.replace(/\n/g, ', ')),
          fact('签发者', cert.issuer.replace(/\n/g, ', ')),
          fact('序列号', cert.serial),
          fact(
            '有效期至',
            fmtDateTime(cert.validTo),
            ' ',
            h('span', { class: left < 30 ? 'light-red' : 'muted' }, left < 0 ? '（已过期）' : `（剩余 ${left} 天）`),
          ),
          fact('SHA-256 指纹', h('code', { class: 'wrap' }, cert.fingerprint)),
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
          h('td', {}, f.actor.org),
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
  const answer = await clerkApi<NodeStatus>('/api/status');
  if (answer.ok) {
    say(byId(P.statusMsg), '');
    render(answer.body);
  } else if (answer.status !== 401) say(byId(P.statusMsg), errorText(answer));
  if (answer.status !== 401) timer = setTimeout(refresh, REFRESH_MS);
}

requireClerk(() => void refresh());

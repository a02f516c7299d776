// 节点状态: sync, waiting and refused documents, the certificate; refreshed every few seconds.
import { L, byId, errorText, fill, fmtDateTime, h, say } from './common.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const REFRESH_MS = 3000;
const DAY_MS = 86_400_000;
const fact = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];

function render(s) {
  const sync = s.sync;
  const connected = sync.connected;
  const conn = byId('st-connection');
  conn.textContent = sync.state === 'alone' ? '独立运行' : connected ? '已连接' : sync.state === 'offline' ? '离线' : L.syncState[sync.state] ?? sync.state;
  conn.className = `stat ${connected ? 'light-green' : sync.state === 'offline' ? 'light-red' : ''}`;
  byId('st-connection-detail').textContent = sync.offlineSince ? `自 ${fmtDateTime(sync.offlineSince)} 起离线` : sync.lastSyncAt ? `最近同步 ${fmtDateTime(sync.lastSyncAt)}` : '';
  byId('st-waiting').textContent = String(sync.waitingUp ?? 0);
  byId('st-refused').textContent = String(sync.refused?.length ?? 0);
  byId('st-cases').textContent = String(s.cases);
  byId('st-matters').textContent = `件办件；本站事项 ${s.matters} 个`;
  fill(
    byId('st-sync'),
    fact('本站', `${s.orgName}（${s.org}）`),
    fact('同步状态', L.syncState[sync.state] ?? sync.state),
    fact('最近同步', fmtDateTime(sync.lastSyncAt)),
    fact('离线起始', sync.offlineSince ? fmtDateTime(sync.offlineSince) : '—'),
    fact('最近错误', sync.lastError ?? '—'),
    fact('已拉取文档', sync.pulled === undefined ? '—' : `${sync.pulled} 个${sync.pendingDown ? `，尚余 ${sync.pendingDown} 个` : ''}`),
  );
  const cert = s.certificate;
  const left = cert ? Math.floor((Date.parse(cert.validTo) - Date.now()) / DAY_MS) : 0;
  fill(
    byId('st-cert'),
    cert
      ? [
          fact('主体', cert.subject.replace(/\n/g, ', ')),
          fact('签发者', cert.issuer.replace(/\n/g, ', ')),
          fact('序列号', cert.serial),
          fact('有效期至', fmtDateTime(cert.validTo), ' ', h('span', { class: left < 30 ? 'light-red' : 'muted' }, left < 0 ? '（已过期）' : `（剩余 ${left} 天）`)),
          fact('SHA-256 指纹', h('code', { class: 'wrap' }, cert.fingerprint)),
        ]
      : fact('证书', '未安装：本节点尚未注册，只能独立运行'),
  );
  const refused = sync.refused ?? [];
  fill(
    byId('st-refused-body'),
    refused.length
      ? [...refused].reverse().map((r) => h('tr', {}, h('td', {}, h('code', {}, r.id)), h('td', {}, r.reason), h('td', {}, fmtDateTime(r.at))))
      : h('tr', {}, h('td', { colspan: '3', class: 'muted' }, '没有被拒文档。')),
  );
}

let timer;
async function refresh() {
  clearTimeout(timer);
  const answer = await clerkApi('/api/status');
  if (answer.ok) {
    say(byId('status-msg'), '');
    render(answer.body);
  } else if (answer.status !== 401) say(byId('status-msg'), errorText(answer));
  if (answer.status !== 401) timer = setTimeout(refresh, REFRESH_MS);
}

requireClerk(() => void refresh());

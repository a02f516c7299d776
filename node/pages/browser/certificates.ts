// 证书管理: the district centre's admin lists the district's node certificates and revokes one
// (a hall's key lost or stolen), with a reason and an explicit confirmation.
import { CERTIFICATES_PAGE as P } from '../ids/certificate-ids.js';
import { errorCode, errorText } from './api.js';
import { clerkApi, clerkRoles, requireClerkWhere } from './clerk-session.js';
import { CONFIG } from './config.js';
import { byId, fill, h, say, type MessageKind } from './dom.js';
import { fmtDate } from './formats.js';

interface Certificate {
  serial: string;
  org: string;
  orgName: string;
  notAfter: string;
  revoked: boolean;
}

const msg = (text: string, kind: MessageKind = 'error') => say(byId(P.msg), text, kind);
let selected: Certificate | undefined;

function choose(c: Certificate | undefined): void {
  selected = c;
  byId(P.revokeCard).hidden = !c;
  byId(P.reason).value = '';
  if (!c) return;
  byId(P.revokeTitle).textContent = `吊销证书：${c.orgName}（序列号 ${c.serial}）`;
  byId(P.reason).focus();
}

function render(items: Certificate[]): void {
  fill(
    byId(P.body),
    items.length
      ? items.map((c) =>
          h(
            'tr',
            { 'data-serial': c.serial },
            h('td', {}, c.orgName, h('br', {}), h('span', { class: 'muted' }, c.org)),
            h('td', {}, h('code', {}, c.serial)),
            h('td', {}, fmtDate(c.notAfter)),
            h('td', {}, c.revoked ? '已吊销' : '在用'),
            h(
              'td',
              { class: 'row-actions' },
              c.revoked
                ? null
                : h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      'aria-label': `吊销${c.orgName}的证书`,
                      onclick: () => choose(c),
                    },
                    '吊销',
                  ),
            ),
          ),
        )
      : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '本区尚未签发节点证书。')),
  );
}

async function load(): Promise<void> {
  const answer = await clerkApi<{ items: Certificate[] }>('/api/certificates');
  if (!answer.ok)
    return msg(
      answer.status === 403 ? `节点证书由区政务服务中心的管理员管理：${errorText(answer)}` : errorText(answer),
    );
  render(answer.body.items.sort((a, b) => a.org.localeCompare(b.org) || a.notAfter.localeCompare(b.notAfter)));
}

byId(P.cancel).addEventListener('click', () => choose(undefined));
byId(P.revoke).addEventListener('click', async () => {
  const c = selected;
  if (!c) return;
  const reason = byId(P.reason).value.trim();
  if (!reason) {
    byId(P.reason).focus();
    return msg('请填写吊销原因（如：私钥丢失、设备被盗）');
  }
  if (!confirm(`确定吊销${c.orgName}（${c.org}）的节点证书？吊销后该站点将无法同步、工作人员无法登录，且不可撤回。`))
    return;
  const answer = await clerkApi<Certificate>(`/api/certificates/${encodeURIComponent(c.serial)}/revoke`, {
    method: 'POST',
    body: { reason },
  });
  if (!answer.ok)
    return msg(
      errorCode(answer) === 'ERR_SCOPE_FORBIDDEN' && c.org === CONFIG.org
        ? '这是本节点自己的证书，本节点用它签发吊销，不能在此吊销；如本节点私钥丢失，请重新签发本节点证书。'
        : `未能吊销${c.orgName}的证书：${errorText(answer)}`,
    );
  choose(undefined);
  msg(
    `已吊销${answer.body.orgName}的节点证书（序列号 ${answer.body.serial}）。各节点同步后，该站点无法再同步，其工作人员无法登录。`,
    'ok',
  );
  await load();
});

requireClerkWhere(
  () => clerkRoles().includes('admin'),
  '证书管理供区政务服务中心的管理员使用；您的账号不是管理员。站点私钥丢失或被盗，请联系区管理员吊销其证书。',
  () => void load(),
);

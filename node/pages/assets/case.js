// 办件详情: one case with its timeline, and the actions the API offers a clerk on it.
import { CONFIG, L, byId, errorText, fill, fmtDateTime, groupCode, h, lightBadge, maskId, orgNames, say, statusBadge, timeline } from './common.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const path = `/api/cases/${encodeURIComponent(CONFIG.caseId)}`;

function render(c, orgs) {
  byId('case-view').hidden = false;
  byId('case-title').textContent = c.matterName;
  byId('case-notice').href = `/window/notice/${encodeURIComponent(c.id)}`;
  const fact = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId('case-facts'),
    fact('查询码', h('span', { class: 'query-code query-code-small' }, groupCode(c.queryCode))),
    fact('状态', statusBadge(c.status), ' ', c.light ? lightBadge(c.light) : null),
    fact('申请人', `${c.applicant.name}（${L.idType[c.applicant.idType] ?? c.applicant.idType} ${maskId(c.applicant.idNumber)}）`),
    fact('联系电话', c.applicant.phone),
    fact('受理方式', L.channel[c.channel] ?? c.channel),
    fact('受理机构', c.scopeName),
    fact('实施部门', c.departmentName),
    fact('受理时间', fmtDateTime(c.acceptedAt)),
    fact('承诺办结', fmtDateTime(c.promisedBy)),
    c.closedAt ? fact('结束时间', fmtDateTime(c.closedAt)) : null,
    c.result ? fact('办理结果', c.result) : null,
    c.reason ? fact('原因', c.reason) : null,
  );
  const names = new Map([...c.received, ...c.outstanding].map((m) => [m.id, m.name]));
  fill(byId('case-timeline'), timeline(c.events, { names, orgs }));

  const open = c.status === 'processing';
  byId('makeup-card').hidden = !open || c.outstanding.length === 0;
  byId('makeup-due').textContent = c.makeUpBy ? `补正期限：${fmtDateTime(c.makeUpBy)}` : '';
  fill(
    byId('makeup-list'),
    c.outstanding.map((m) =>
      h('li', {}, h('span', { class: 'result-name' }, m.name), h('button', { type: 'button', 'aria-label': `已收到：${m.name}`, onclick: () => act({ kind: 'material-received', materialId: m.id }) }, '已收到')),
    ),
  );
  byId('complete-card').hidden = !open || c.outstanding.length > 0;
  byId('close-card').hidden = !open;
  // case-flow.js adds the stages, forwarding, make-up and delivery for the same case.
  document.dispatchEvent(new CustomEvent('hallnet:case', { detail: c }));
}

document.addEventListener('hallnet:case-changed', async (e) => render(e.detail, await orgNames()));

async function load() {
  const [answer, orgs] = await Promise.all([clerkApi(path), orgNames()]);
  if (!answer.ok) return say(byId('case-msg'), errorText(answer));
  render(answer.body, orgs);
}

async function act(body) {
  const answer = await clerkApi(`${path}/events`, { method: 'POST', body });
  if (!answer.ok) return say(byId('case-msg'), errorText(answer));
  say(byId('case-msg'), `已记录：${L.event[body.kind]}`, 'ok');
  render(answer.body, await orgNames());
}

byId('complete-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const result = byId('complete-result').value.trim();
  void act(result ? { kind: 'completed', result } : { kind: 'completed' });
});
byId('close-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const kind = e.submitter?.value;
  const reason = byId('close-reason').value.trim();
  if (kind === 'rejected' && !reason) {
    byId('close-reason').setAttribute('aria-invalid', 'true');
    byId('close-reason').focus();
    return say(byId('case-msg'), '退件须写明原因');
  }
  byId('close-reason').removeAttribute('aria-invalid');
  if (!confirm(kind === 'rejected' ? '确定退件？退件后本办件结束。' : '确定登记申请人撤回？撤回后本办件结束。')) return;
  void act(reason ? { kind, reason } : { kind });
});

requireClerk(() => void load());

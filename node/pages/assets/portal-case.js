// 我的办件: one of the resident's cases, with its timeline.
import { CONFIG, byId, errorText, fill, fmtDate, fmtDateTime, groupCode, h, lightBadge, orgNames, say, statusBadge, timeline } from './common.js';
import { requireResident, residentApi } from './resident-session.js';

async function load() {
  const [answer, orgs] = await Promise.all([residentApi(`/api/my/cases/${encodeURIComponent(CONFIG.caseId)}`), orgNames()]);
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (answer.status === 404) return say(byId('case-msg'), '本站暂未查到该办件。办件在其他大厅受理时，同步可能需要片刻，请稍后刷新。');
  if (!answer.ok) return say(byId('case-msg'), errorText(answer));
  const c = answer.body;
  for (const id of ['case-card', 'case-progress']) byId(id).hidden = false;
  byId('case-title').textContent = c.matterName;
  const fact = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId('case-facts'),
    fact('查询码', h('span', { class: 'query-code query-code-small' }, groupCode(c.queryCode))),
    fact('办理状态', statusBadge(c.status), ' ', c.light ? lightBadge(c.light) : null),
    fact('受理机构', c.scopeName),
    fact('受理时间', fmtDateTime(c.acceptedAt)),
    fact('承诺办结', fmtDateTime(c.promisedBy)),
    c.closedAt ? fact('结束时间', fmtDateTime(c.closedAt)) : null,
    c.result ? fact('办理结果', c.result) : null,
    c.reason ? fact('原因', c.reason) : null,
  );
  byId('case-outstanding').hidden = c.status !== 'processing' || c.outstanding.length === 0;
  byId('outstanding-due').textContent = c.makeUpBy ? `请于 ${fmtDate(c.makeUpBy)} 前到${c.scopeName}补齐：` : '';
  fill(byId('outstanding-list'), c.outstanding.map((m) => h('li', {}, m.name)));
  const names = new Map([...c.received, ...c.outstanding].map((m) => [m.id, m.name]));
  fill(byId('case-timeline'), timeline(c.events, { names, orgs }));
}

requireResident(() => void load());

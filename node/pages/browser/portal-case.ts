// 我的办件: one of the resident's cases, with its timeline.
import { PORTAL_CASE_PAGE as P } from '../ids/portal-ids.js';
import { errorText } from './api.js';
import { lightBadge, statusBadge } from './badges.js';
import type { CaseView } from './case-view.js';
import { pageData } from './config.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDate, fmtDateTime, groupCode } from './formats.js';
import { orgNames } from './organisations.js';
import { requireResident, residentApi } from './resident-session.js';
import { timeline } from './timeline.js';

async function load(): Promise<void> {
  const [answer, orgs] = await Promise.all([residentApi<CaseView>(`/api/my/cases/${encodeURIComponent(pageData('caseId'))}`), orgNames()]);
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (answer.status === 404) return say(byId(P.caseMsg), '本站暂未查到该办件。办件在其他大厅受理时，同步可能需要片刻，请稍后刷新。');
  if (!answer.ok) return say(byId(P.caseMsg), errorText(answer));
  const c = answer.body;
  for (const id of [P.caseCard, P.caseProgress]) byId(id).hidden = false;
  byId(P.caseTitle).textContent = c.matterName;
  const fact = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId(P.caseFacts),
    fact('查询码', h('span', { class: 'query-code query-code-small' }, groupCode(c.queryCode))),
    fact('办理状态', statusBadge(c.status), ' ', c.light ? lightBadge(c.light) : null),
    fact('受理机构', c.scopeName),
    fact('受理时间', fmtDateTime(c.acceptedAt)),
    fact('承诺办结', fmtDateTime(c.promisedBy)),
    c.closedAt ? fact('结束时间', fmtDateTime(c.closedAt)) : null,
    c.result ? fact('办理结果', c.result) : null,
    c.reason ? fact('原因', c.reason) : null,
  );
  byId(P.caseOutstanding).hidden = c.status !== 'processing' || c.outstanding.length === 0;
  byId(P.outstandingDue).textContent = c.makeUpBy ? `请于 ${fmtDate(c.makeUpBy)} 前到${c.scopeName}补齐：` : '';
  fill(byId(P.outstandingList), c.outstanding.map((m) => h('li', {}, m.name)));
  const names = new Map([...c.received, ...c.outstanding].map((m) => [m.id, m.name]));
  fill(byId(P.caseTimeline), timeline(c.events, { names, orgs }));
}

requireResident(() => void load());

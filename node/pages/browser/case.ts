// 办件详情: one case with its timeline, and the actions the API offers a clerk on it.
import { CASE_PAGE as P } from '../ids/desk-ids.js';
import { errorText } from './api.js';
import { declinedTask } from '../../../sync/case-view/case-phase.js';
import { lightBadge, statusBadge } from './badges.js';
import { materialNames, type CaseView } from './case-view.js';
import { clerkApi, clerkOrg, requireClerk } from './clerk-session.js';
import { worksHere } from './case-parts.js';
import { whileSending } from './case-decisions.js';
import { CONFIG, L, label, pageData } from './config.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDateTime, groupCode, maskId } from './formats.js';
import { orgNames } from './organisations.js';
import { emit, on } from './page-events.js';
import { timeline } from './timeline.js';

const path = `/api/cases/${encodeURIComponent(pageData('caseId'))}`;

function render(c: CaseView, orgs: ReadonlyMap<string, string>): void {
  byId(P.caseView).hidden = false;
  byId(P.caseTitle).textContent = c.matterName;
  byId(P.caseNotice).href = `/window/notice/${encodeURIComponent(c.id)}`;
  // 补打 is the accepting hall's: another hall's notice is not reprinted here (and none before acceptance).
  byId(P.caseNotice).parentElement!.hidden = c.scope !== CONFIG.org || !c.acceptedAt;
  const fact = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId(P.caseFacts),
    fact('查询码', h('span', { class: 'query-code query-code-small' }, groupCode(c.queryCode))),
    fact('状态', statusBadge(c.status, !!declinedTask(c)), ' ', c.light ? lightBadge(c.light, c.pausedDays) : null),
    fact('申请人', `${c.applicant.name}（${label(L.idType, c.applicant.idType)} ${maskId(c.applicant.idNumber)}）`),
    fact('联系电话', c.applicant.phone),
    fact('受理方式', label(L.channel, c.channel)),
    fact('受理机构', c.scopeName),
    fact('实施部门', c.departmentName),
    fact('受理时间', fmtDateTime(c.acceptedAt)),
    fact('承诺办结', fmtDateTime(c.promisedBy)),
    c.closedAt ? fact('结束时间', fmtDateTime(c.closedAt)) : null,
    c.result ? fact('办理结果', c.result) : null,
    c.reason ? fact('原因', c.reason) : null,
  );
  fill(byId(P.caseTimeline), timeline(c.events, { names: materialNames(c), orgs }));

  const open = c.status === 'processing';
  const here = worksHere(c, clerkOrg());
  byId(P.makeupCard).hidden = !open || c.outstanding.length === 0;
  byId(P.makeupDue).textContent = c.makeUpBy ? `补正期限：${fmtDateTime(c.makeUpBy)}` : '';
  fill(
    byId(P.makeupList),
    c.outstanding.map((m) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, m.name),
        h(
          'button',
          {
            type: 'button',
            'aria-label': `已收到：${m.name}`,
            onclick: () => void act({ kind: 'material-received', materialId: m.id }),
          },
          '已收到',
        ),
      ),
    ),
  );
  // One office decides a case: once forwarded, completing it is the holder's, not this hall's.
  byId(P.completeCard).hidden = !here || c.outstanding.length > 0;
  // case-flow.ts adds the stages, forwarding, make-up and delivery for the same case.
  emit('hallnet:case', c);
}

on('hallnet:case-changed', async (c) => render(c, await orgNames()));

async function load(): Promise<void> {
  const [answer, orgs] = await Promise.all([clerkApi<CaseView>(path), orgNames()]);
  if (!answer.ok) return say(byId(P.caseMsg), errorText(answer));
  render(answer.body, orgs);
}

async function act(body: { kind: 'material-received' | 'completed'; [field: string]: string }): Promise<void> {
  const answer = await whileSending(byId(P.caseActions), () =>
    clerkApi<CaseView>(`${path}/events`, { method: 'POST', body }),
  );
  if (!answer.ok) return say(byId(P.caseMsg), errorText(answer));
  say(byId(P.caseMsg), `已记录：${L.event[body.kind]}`, 'ok');
  render(answer.body, await orgNames());
}

byId(P.completeForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const result = byId(P.completeResult).value.trim();
  void act(result ? { kind: 'completed', result } : { kind: 'completed' });
});

requireClerk(() => void load());

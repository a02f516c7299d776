// 我的办件: one of the resident's cases, from this hall or through the hub, with what is asked of him and its timeline.
import type { MyCase } from '../../district/my-cases.js';
import { PORTAL_CASE_PAGE as P } from '../ids/portal-ids.js';
import { errorCode, errorText } from './api.js';
import { askedLine } from './asked.js';
import { lightBadge, phaseBadge } from './badges.js';
import { L, pageData } from './config.js';
import { materialNames } from './case-view.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDateTime, groupCode } from './formats.js';
import { holderFact } from './holder-fact.js';
import { orgNames } from './organisations.js';
import { requireResident, residentApi } from './resident-session.js';
import { timeline } from './timeline.js';

async function load(): Promise<void> {
  const [answer, orgs] = await Promise.all([
    residentApi<MyCase>(`/api/my/cases/${encodeURIComponent(pageData('caseId'))}`),
    orgNames(),
  ]);
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (answer.status === 404)
    return say(byId(P.caseMsg), '没有查到您的这个办件。办件刚在其他大厅受理时，同步可能需要片刻，请稍后刷新。');
  if (errorCode(answer) === 'ERR_HUB_UNREACHABLE')
    return say(byId(P.caseMsg), `${L.cutOff.portal}该办件不在本站，请稍后再试。`, 'warn');
  if (!answer.ok) return say(byId(P.caseMsg), errorText(answer));
  const c = answer.body;
  for (const id of [P.caseCard, P.caseProgress]) byId(id).hidden = false;
  byId(P.caseTitle).textContent = c.matterName;
  const fact = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  const holder = holderFact(c);
  fill(
    byId(P.caseFacts),
    fact('查询码', h('span', { class: 'query-code query-code-small' }, groupCode(c.queryCode))),
    fact('办理状态', phaseBadge(c.phase), ' ', c.light ? lightBadge(c.light) : null),
    fact('受理机构', c.scopeName),
    holder ? fact(...holder) : null,
    c.acceptedAt
      ? fact('受理时间', fmtDateTime(c.acceptedAt))
      : fact('申请时间', `${fmtDateTime(c.appliedAt)}（网上申请，预审中）`),
    fact('承诺办结', c.promisedBy ? fmtDateTime(c.promisedBy) : '受理后起算'),
    c.closedAt ? fact('结束时间', fmtDateTime(c.closedAt)) : null,
    c.result ? fact('办理结果', c.result) : null,
    c.reason ? fact('原因', c.reason) : null,
  );
  const source = byId(P.caseSource);
  source.hidden = c.heldHere;
  source.textContent = c.heldHere ? '' : '该办件不在本站办理，经区中心查询显示。';
  byId(P.caseAsked).hidden = c.asked.length === 0;
  fill(
    byId(P.askedList),
    c.asked.map((a) => h('li', {}, askedLine(a))),
  );
  showCommitments(c, fact);
  fill(byId(P.caseTimeline), timeline(c.events, { names: materialNames(c), orgs }));
}

/** 告知承诺: what he committed to instead of a material and when, when it is checked by, and what the check found. */
function showCommitments(c: MyCase, fact: (term: string, ...value: Child[]) => Child[]): void {
  byId(P.commitCard).hidden = c.commitments.length === 0;
  const found = c.commitmentCheck;
  fill(
    byId(P.commitFacts),
    c.commitments.map((m) => fact(m.name, `以告知承诺代替（${m.signedBy} 于 ${fmtDateTime(m.signedAt)} 签署）`)),
    found
      ? fact(
          '核查结果',
          h(
            'span',
            { class: found.outcome === 'true' ? 'message-ok' : 'message-error' },
            found.outcome === 'true' ? '经核查，承诺属实' : '经核查，承诺与实际不符，办理结果已撤销',
          ),
          `（${fmtDateTime(found.at)}，${found.note}）`,
        )
      : fact('核查期限', c.checkBy ? `${fmtDateTime(c.checkBy)} 前由办理部门核查` : '由办理部门核查'),
  );
}

requireResident(() => void load());

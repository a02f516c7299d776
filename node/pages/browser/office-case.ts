// 办件审批 at the back office: the case, its stages and each department's task, and the actions
// this office may take now. Each button is only offered when the case's state allows it; the
// API checks again and its refusal is shown as it comes.
import { CASE_FLOW_CARDS as F } from '../ids/desk-ids.js';
import { OFFICE_CASE_PAGE as P } from '../ids/office-ids.js';
import { errorText, type ClerkSession } from './api.js';
import { declinedTask } from '../../../sync/case-view/case-phase.js';
import { lightBadge, statusBadge } from './badges.js';
import {
  forwardTargets,
  holderText,
  matterOf,
  myPendingTask,
  postEvent,
  stagesDone,
  stagesView,
  worksHere,
  type MatterGuide,
} from './case-parts.js';
import { bindDecisions, renderDecisions, whileSending } from './case-decisions.js';
import { materialNames, type CaseView } from './case-view.js';
import { clerkApi, requireClerk } from './clerk-session.js';
import { CONFIG, L, label, pageData } from './config.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDate, fmtDateTime, groupCode, maskId } from './formats.js';
import { organisations, type Org } from './organisations.js';
import { timeline } from './timeline.js';

const path = `/api/cases/${encodeURIComponent(pageData('caseId'))}`;
let me: ClerkSession['staff'] | undefined;
let current: CaseView | undefined;
let matter: MatterGuide | null = null;

function renderFacts(c: CaseView, orgs: ReadonlyMap<string, Org>): void {
  const name = (p: string) => orgs.get(p)?.name ?? p;
  byId(P.caseTitle).textContent = c.matterName;
  const fact = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId(P.caseFacts),
    fact('查询码', h('span', { class: 'query-code query-code-small' }, groupCode(c.queryCode))),
    fact('状态', statusBadge(c.status, !!declinedTask(c)), ' ', c.light ? lightBadge(c.light, c.pausedDays) : null),
    fact('申请人', `${c.applicant.name}（${label(L.idType, c.applicant.idType)} ${maskId(c.applicant.idNumber)}）`),
    fact('受理机构', c.scopeName),
    fact('实施部门', c.departmentName),
    fact('受理时间', fmtDateTime(c.acceptedAt)),
    fact('承诺办结', fmtDateTime(c.promisedBy)),
    c.status === 'processing' ? fact('当前', holderText(c, me?.org ?? CONFIG.org, orgs)) : null,
    c.forwards.length
      ? fact(
          '转报',
          c.forwards
            .map((f) => `${name(f.from)} → ${name(f.to)}（${fmtDate(f.at)}）${f.note ? `：${f.note}` : ''}`)
            .join('；'),
        )
      : null,
    c.suspendedDays ? fact('暂停计时', `${c.suspendedDays} 个工作日（补正）`) : null,
    c.extensions.length
      ? fact('延长时限', c.extensions.map((x) => `${x.days} 个工作日：${x.reason}`).join('；'))
      : null,
    c.closedAt ? fact('结束时间', fmtDateTime(c.closedAt)) : null,
    c.result ? fact('办理结果', c.result) : null,
    c.reason ? fact('原因', c.reason) : null,
  );
  const names = materialNames(c);
  fill(byId(P.caseTimeline), timeline(c.events, { names, orgs: new Map([...orgs].map(([p, o]) => [p, o.name])) }));
}

function renderActions(c: CaseView, orgs: ReadonlyMap<string, Org>, myOrg: string): void {
  const open = c.status === 'processing';
  const here = worksHere(c, myOrg);
  const name = (p: string) => orgs.get(p)?.name ?? p;

  const stages = matter?.stages ?? [];
  // A case without stages shows here only where it stands, while it is open: the card is not called 并联审批 then.
  byId(F.stagesCard).hidden = !stages.length && !(open && c.forwards.length);
  byId(F.stagesTitle).textContent = stages.length ? '并联审批' : '办理进度';
  byId(F.holderLine).textContent = open ? `当前：${holderText(c, myOrg, orgs)}` : '';
  fill(byId(F.stagesView), stages.length ? stagesView(c, matter, orgs, myOrg) : null);

  const task = open ? myPendingTask(c, myOrg) : undefined;
  byId(P.decisionCard).hidden = !task;
  if (task) byId(P.decisionStage).textContent = `第 ${task.stage + 1} 阶段「${task.name}」· ${name(myOrg)}`;

  renderDecisions(c, matter, orgs, myOrg);
  byId(P.officeCompleteCard).hidden = !(here && !c.outstanding.length && stagesDone(c, matter ?? undefined));

  const targets = here ? forwardTargets(c, matter, myOrg, orgs) : [];
  byId(F.forwardCard).hidden = !targets.length;
  fill(
    byId(F.forwardTo),
    targets.map((o) => h('option', { value: o.path }, `${o.name}${o.kind === 'department' ? '（部门）' : ''}`)),
  );
}

async function render(c: CaseView): Promise<void> {
  current = c;
  const orgs = await organisations();
  matter = await matterOf(c.matterCode);
  byId(P.caseView).hidden = false;
  renderFacts(c, orgs);
  if (me) renderActions(c, orgs, me.org);
}

async function load(): Promise<void> {
  const answer = await clerkApi<CaseView>(path);
  if (!answer.ok)
    return say(
      byId(P.caseMsg),
      answer.status === 404 ? '本站还没有这个办件（可能尚未同步到本站），请稍后刷新。' : errorText(answer),
    );
  await render(answer.body);
}

async function act(body: Record<string, unknown>, done: string): Promise<boolean> {
  if (!current) return false;
  const answer = await postEvent(current.id, body);
  if (!answer.ok) {
    say(byId(P.caseMsg), errorText(answer));
    return false;
  }
  say(byId(P.caseMsg), done, 'ok');
  await render(answer.body);
  return true;
}

bindDecisions(act, (text) => say(byId(P.caseMsg), text));

byId(P.decisionForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const task = current && me ? myPendingTask(current, me.org) : undefined;
  if (!task) return;
  const kind = (e.submitter as HTMLButtonElement | null)?.value === 'declined' ? 'declined' : 'approved';
  const text = byId(P.decisionText).value.trim();
  if (kind === 'declined') {
    if (!text) {
      byId(P.decisionText).setAttribute('aria-invalid', 'true');
      byId(P.decisionText).focus();
      return say(byId(P.caseMsg), '不予通过须写明原因');
    }
    if (!confirm('确定不予通过？办件将终止，并告知申请人原因。')) return;
  }
  byId(P.decisionText).removeAttribute('aria-invalid');
  const body =
    kind === 'declined'
      ? { kind, stage: task.stage, reason: text }
      : { kind, stage: task.stage, ...(text ? { note: text } : {}) };
  void whileSending(byId(P.decisionForm), () => act(body, kind === 'declined' ? '已登记不予通过' : '已审批通过')).then(
    (ok) => {
      if (ok) byId(P.decisionText).value = '';
    },
  );
});

byId(P.officeCompleteForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const result = byId(P.officeCompleteResult).value.trim();
  void whileSending(byId(P.officeCompleteForm), () =>
    act(result ? { kind: 'completed', result } : { kind: 'completed' }, '已办结，受理窗口统一出件'),
  );
});

byId(F.forwardForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const to = byId(F.forwardTo).value;
  if (!to) return;
  const note = byId(F.forwardNote).value.trim();
  const name = byId(F.forwardTo).selectedOptions[0]?.textContent ?? to;
  void whileSending(byId(F.forwardForm), () =>
    act(note ? { kind: 'forwarded', to, note } : { kind: 'forwarded', to }, `已转报至 ${name}`),
  );
});

requireClerk((session) => {
  me = session.staff;
  void load();
});

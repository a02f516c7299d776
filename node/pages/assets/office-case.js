// 办件审批 at the back office: the case, its stages and each department's task, and the actions
// this office may take now. Each button is only offered when the case's state allows it; the
// API checks again and its refusal is shown as it comes.
import { CONFIG, L, byId, errorText, fill, fmtDate, fmtDateTime, groupCode, h, lightBadge, maskId, say, statusBadge, timeline } from './common.js';
import { forwardTargets, holderText, matterOf, myPendingTask, nextStage, organisations, postEvent, returnTargets, stagesDone, stagesView, worksHere } from './case-parts.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const path = `/api/cases/${encodeURIComponent(CONFIG.caseId)}`;
let me;
let current;
let matter;

function renderFacts(c, orgs) {
  const name = (p) => orgs.get(p)?.name ?? p;
  byId('case-title').textContent = c.matterName;
  const fact = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId('case-facts'),
    fact('查询码', h('span', { class: 'query-code query-code-small' }, groupCode(c.queryCode))),
    fact('状态', statusBadge(c.status), ' ', c.light ? lightBadge(c.light) : null),
    fact('申请人', `${c.applicant.name}（${L.idType[c.applicant.idType] ?? c.applicant.idType} ${maskId(c.applicant.idNumber)}）`),
    fact('受理机构', c.scopeName),
    fact('实施部门', c.departmentName),
    fact('受理时间', fmtDateTime(c.acceptedAt)),
    fact('承诺办结', fmtDateTime(c.promisedBy)),
    c.status === 'processing' ? fact('当前', holderText(c, CONFIG.org, orgs)) : null,
    c.forwards.length ? fact('转报', c.forwards.map((f) => `${name(f.from)} → ${name(f.to)}（${fmtDate(f.at)}）${f.note ? `：${f.note}` : ''}`).join('；')) : null,
    c.suspendedDays ? fact('暂停计时', `${c.suspendedDays} 个工作日（补正）`) : null,
    c.extensions.length ? fact('延长时限', c.extensions.map((x) => `${x.days} 个工作日：${x.reason}`).join('；')) : null,
    c.closedAt ? fact('结束时间', fmtDateTime(c.closedAt)) : null,
    c.result ? fact('办理结果', c.result) : null,
    c.reason ? fact('原因', c.reason) : null,
  );
  const names = new Map([...c.received, ...c.outstanding].map((m) => [m.id, m.name]));
  for (const m of matter?.materials ?? []) names.set(m.id, m.name);
  fill(byId('case-timeline'), timeline(c.events, { names, orgs: new Map([...orgs].map(([p, o]) => [p, o.name])) }));
}

function renderActions(c, orgs) {
  const open = c.status === 'processing';
  const here = worksHere(c, CONFIG.org);
  const name = (p) => orgs.get(p)?.name ?? p;

  const staged = (matter?.stages ?? []).length > 0;
  byId('stages-card').hidden = !staged && !c.forwards.length;
  byId('holder-line').textContent = open ? `当前：${holderText(c, CONFIG.org, orgs)}` : '';
  fill(byId('stages-view'), staged ? stagesView(c, matter, orgs, me.org) : null);
  const next = here ? nextStage(c, matter) : undefined;
  byId('stage-start-box').hidden = next === undefined;
  if (next !== undefined) {
    const spec = matter.stages[next];
    byId('stage-next').textContent = `下一阶段：第 ${next + 1} 阶段「${spec.name}」，由 ${spec.departments.map(name).join('、')} 同时审批。`;
    byId('stage-start').textContent = `启动第 ${next + 1} 阶段（全程代办）`;
  }

  const task = open ? myPendingTask(c, me.org) : undefined;
  byId('decision-card').hidden = !task;
  if (task) byId('decision-stage').textContent = `第 ${task.stage + 1} 阶段「${task.name}」· ${name(me.org)}`;

  const back = here ? returnTargets(c, CONFIG.org, orgs) : [];
  byId('return-card').hidden = !back.length;
  fill(byId('return-to'), back.map((o) => h('option', { value: o.path }, o.name)));
  if (!byId('return-materials').children.length) {
    fill(
      byId('return-materials'),
      (matter?.materials ?? []).map((m) => h('li', {}, h('input', { type: 'checkbox', id: `ret-${m.id}`, value: m.id }), h('label', { for: `ret-${m.id}` }, m.name, ' ', h('span', { class: `tag tag-${m.necessity}` }, L.necessity[m.necessity])))),
    );
  }

  byId('extend-card').hidden = !here;
  byId('office-complete-card').hidden = !(here && !c.outstanding.length && stagesDone(c, matter));

  const targets = here ? forwardTargets(c, matter, CONFIG.org, orgs) : [];
  byId('forward-card').hidden = !targets.length;
  fill(byId('forward-to'), targets.map((o) => h('option', { value: o.path }, `${o.name}${o.kind === 'department' ? '（部门）' : ''}`)));
}

async function render(c) {
  current = c;
  const orgs = await organisations();
  matter = await matterOf(c.matterCode);
  byId('case-view').hidden = false;
  renderFacts(c, orgs);
  renderActions(c, orgs);
}

async function load() {
  const answer = await clerkApi(path);
  if (!answer.ok) return say(byId('case-msg'), answer.status === 404 ? '本站还没有这个办件（可能尚未同步到本站），请稍后刷新。' : errorText(answer));
  await render(answer.body);
}

async function act(body, done) {
  const answer = await postEvent(current.id, body);
  if (!answer.ok) return say(byId('case-msg'), errorText(answer)), false;
  say(byId('case-msg'), done, 'ok');
  await render(answer.body);
  return true;
}

byId('stage-start').addEventListener('click', () => void act({ kind: 'stage-started' }, '已启动审批阶段，各部门已收到审批任务'));

byId('decision-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const task = myPendingTask(current, me.org);
  if (!task) return;
  const kind = e.submitter?.value ?? 'approved';
  const text = byId('decision-text').value.trim();
  if (kind === 'declined') {
    if (!text) {
      byId('decision-text').setAttribute('aria-invalid', 'true');
      byId('decision-text').focus();
      return say(byId('case-msg'), '不予通过须写明原因');
    }
    if (!confirm('确定不予通过？办件将终止，并告知申请人原因。')) return;
  }
  byId('decision-text').removeAttribute('aria-invalid');
  const body = kind === 'declined' ? { kind, stage: task.stage, reason: text } : { kind, stage: task.stage, ...(text ? { note: text } : {}) };
  void act(body, kind === 'declined' ? '已登记不予通过' : '已审批通过').then((ok) => ok && (byId('decision-text').value = ''));
});

byId('return-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const to = byId('return-to').value;
  const note = byId('return-note').value.trim();
  const materials = [...byId('return-materials').querySelectorAll('input:checked')].map((b) => b.value);
  if (!note || !materials.length) return say(byId('case-msg'), '退回补正须勾选需要补交的材料，并写明补正说明');
  void act({ kind: 'returned', to, note, materials }, '已退回补正，等待申请人补交材料（暂停计时）').then((ok) => {
    if (!ok) return;
    byId('return-note').value = '';
    for (const b of byId('return-materials').querySelectorAll('input:checked')) b.checked = false;
  });
});

byId('extend-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const days = Number(byId('extend-days').value.trim());
  const reason = byId('extend-reason').value.trim();
  if (!Number.isInteger(days) || days < 1 || days > 60 || !reason) return say(byId('case-msg'), '请填写延长的工作日（1–60）和原因');
  void act({ kind: 'extended', days, reason }, `已延长 ${days} 个工作日`).then((ok) => {
    if (ok) byId('extend-days').value = byId('extend-reason').value = '';
  });
});

byId('office-complete-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const result = byId('office-complete-result').value.trim();
  void act(result ? { kind: 'completed', result } : { kind: 'completed' }, '已办结，受理窗口统一出件');
});

byId('forward-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const to = byId('forward-to').value;
  if (!to) return;
  const note = byId('forward-note').value.trim();
  void act(note ? { kind: 'forwarded', to, note } : { kind: 'forwarded', to }, `已转报至 ${byId('forward-to').selectedOptions[0]?.textContent ?? to}`);
});

requireClerk((session) => {
  me = session.staff;
  void load();
});

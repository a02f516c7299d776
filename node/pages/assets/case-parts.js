// What the window's and the back office's case pages share: the matter, the district's
// organisations, the stages of parallel approval with each department's task, where a case may
// be forwarded or returned to, and posting an event. The API decides; these only offer choices.
import { api, fmtDate, fmtDateTime, h } from './common.js';
import { clerkApi } from './clerk-session.js';

const TASK = { pending: '待审批', approved: '已通过', declined: '不予通过' };

let orgsPromise;
/** The district's organisations by path: `{ path, name, level, kind }` (public, loaded once). */
export function organisations() {
  orgsPromise ??= api('/api/organisations').then((a) => new Map((a.body?.items ?? []).map((o) => [o.path, o])));
  return orgsPromise;
}

const matters = new Map();
/** A matter's full guide, with its materials and stages (public, once per page). */
export function matterOf(code) {
  if (!matters.has(code)) matters.set(code, api(`/api/catalogue/${encodeURIComponent(code)}`).then((a) => (a.ok ? a.body : null)));
  return matters.get(code);
}

/** Records an event on a case as the signed-in member of staff: `{ ok, status, body }` with the case after it. */
export function postEvent(caseId, body) {
  return clerkApi(`/api/cases/${encodeURIComponent(caseId)}/events`, { method: 'POST', body });
}

/** The stage that may start now (index), as node/domain/stage-rules.ts decides it, or undefined. */
export function nextStage(c, matter) {
  const stages = matter?.stages ?? [];
  const last = c.stages.at(-1);
  if (!last) return stages.length ? 0 : undefined;
  if (last.tasks.some((t) => t.status !== 'approved')) return undefined;
  return last.stage + 1 < stages.length ? last.stage + 1 : undefined;
}

/** Every stage started and every task approved, or a matter without stages. */
export function stagesDone(c, matter) {
  const stages = matter?.stages ?? [];
  return !stages.length || (c.stages.length === stages.length && c.stages.every((s) => s.tasks.every((t) => t.status === 'approved')));
}

/** This organisation's own pending task in the case, if it has one: `{ stage, name }`. */
export function myPendingTask(c, org) {
  for (const s of c.stages) if (s.tasks.some((t) => t.department === org && t.status === 'pending')) return { stage: s.stage, name: s.name };
  return undefined;
}

const within = (path, ancestor) => path === ancestor || path.startsWith(`${ancestor}/`);

/**
 * Where this node may forward the case (转报): upward to its street or the district, or to a
 * department, each only if it handles the matter; never where it is held or was sent already.
 */
export function forwardTargets(c, matter, nodeOrg, orgs) {
  const upward = [];
  for (let p = nodeOrg; p.includes('/'); ) {
    p = p.slice(0, p.lastIndexOf('/'));
    upward.push(p);
  }
  const departments = [matter?.department, ...(matter?.stages ?? []).flatMap((s) => s.departments)].filter(Boolean);
  const handles = (path) => {
    const o = orgs.get(path);
    if (!o) return false;
    if (o.kind === 'department') return true;
    return matter?.levels?.includes(o.level) || (matter?.decidedBy === 'street' && o.level === 5) || (matter?.decidedBy === 'district' && o.level === 4);
  };
  const sent = new Set(c.forwards.map((f) => f.to));
  return [...new Set([...upward, ...departments])].filter((p) => p !== c.holder && !sent.has(p) && p !== nodeOrg && handles(p)).map((p) => orgs.get(p));
}

/**
 * The halls below this node that took part in the case: where it may be returned for materials
 * (the applicant brings them to a hall, never to a department, though departments sit below the
 * district in the organisation paths).
 */
export function returnTargets(c, nodeOrg, orgs) {
  return c.parties.filter((p) => p !== nodeOrg && within(p, nodeOrg) && orgs.get(p)?.kind !== 'department').map((p) => orgs.get(p) ?? { path: p, name: p });
}

/** The stages of parallel approval: each department's task, its decision and note. */
export function stagesView(c, matter, orgs, myOrg) {
  const specs = matter?.stages ?? [];
  if (!specs.length) return h('p', { class: 'muted' }, '本事项不经并联审批。');
  const name = (p) => orgs.get(p)?.name ?? p;
  return h(
    'ol',
    { class: 'stages' },
    specs.map((spec, i) => {
      const st = c.stages.find((s) => s.stage === i);
      const declined = st?.tasks.some((t) => t.status === 'declined');
      const done = st && st.tasks.every((t) => t.status === 'approved');
      const state = !st ? ['waiting', '未启动'] : declined ? ['declined', '不予通过'] : done ? ['approved', '已通过'] : ['running', '审批中'];
      const tasks = st ? st.tasks : spec.departments.map((department) => ({ department, status: null }));
      return h(
        'li',
        { class: `stage stage-${state[0]}` },
        h('div', { class: 'stage-head' }, h('strong', {}, `第 ${i + 1} 阶段：${spec.name}`), h('span', { class: `stage-state stage-state-${state[0]}` }, state[1]), st ? h('span', { class: 'muted' }, `启动于 ${fmtDateTime(st.startedAt)}`) : null),
        h(
          'ul',
          { class: 'tasks' },
          tasks.map((t) =>
            h(
              'li',
              { class: `task task-${t.status ?? 'none'}${t.department === myOrg ? ' task-mine' : ''}` },
              h('span', { class: 'task-dept' }, name(t.department), t.department === myOrg ? '（本部门）' : ''),
              h('span', { class: `task-status task-status-${t.status ?? 'none'}` }, t.status ? TASK[t.status] : '—'),
              t.at ? h('span', { class: 'muted' }, `${fmtDateTime(t.at)}${t.by?.name ? ` · ${t.by.name}` : ''}`) : null,
              t.note ? h('span', { class: 'task-note' }, t.status === 'declined' ? `原因：${t.note}` : t.note) : null,
            ),
          ),
        ),
      );
    }),
  );
}

/**
 * The office that sent the case back for materials: while the applicant is waited for (the case
 * sits with the hall it went back to), and once the materials came (it is back with that office).
 */
export function returnedBy(c) {
  const last = [...c.events].filter((e) => e.kind === 'returned').sort((a, b) => (a.at < b.at ? -1 : 1)).at(-1);
  if (!last || last.actor?.org === last.to) return undefined;
  if (c.waitingForApplicant) return c.holder === last.to ? last.actor.org : undefined;
  return c.holder === last.actor.org ? last.actor.org : undefined;
}

/** Whether this office works the case now: it holds it, or it returned it and the materials came. */
export function worksHere(c, org) {
  if (c.status !== 'processing' || c.waitingForApplicant) return false;
  return c.holder === org || returnedBy(c) === org;
}

/** Where the case is now, in words: held here, elsewhere, or waiting for the applicant. */
export function holderText(c, nodeOrg, orgs) {
  const name = (p) => orgs.get(p)?.name ?? p;
  if (c.waitingForApplicant) return `退回 ${name(c.holder)} 补正材料，等待申请人（自 ${fmtDate(c.waitingForApplicant.since)} 起暂停计时）`;
  const back = returnedBy(c);
  if (back) return back === nodeOrg ? '补正材料已收齐，由本机构继续办理' : `补正材料已收齐，由 ${name(back)} 继续办理`;
  return c.holder === nodeOrg ? '在本机构办理' : `在 ${name(c.holder)} 办理`;
}

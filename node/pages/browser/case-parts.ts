// What the window's and the back office's case pages share: the matter, the stages of parallel
// approval with each department's task, where a case may be forwarded or returned to, and posting
// an event. The API decides; these only offer choices, by the domain's own stage rules.
import type { Matter } from '../../../sync/index.js';
import type { StageTask } from '../../../sync/case-state.js';
import { api, type Answer } from './api.js';
import type { CaseView } from './case-view.js';
import { clerkApi } from './clerk-session.js';
import { h } from './dom.js';
import { fmtDate, fmtDateTime } from './formats.js';
import type { Org } from './organisations.js';

export { nextStage, stagesDone } from '../../../sync/stage-rules.js';

/** A matter's full guide as GET /api/catalogue/:code answers it. */
export type MatterGuide = Omit<Matter, '_id' | '_rev' | 'author'> & { departmentName: string; handledHere: boolean };

/** A matter's line as GET /api/catalogue lists it. */
export interface MatterSummary {
  code: string;
  name: string;
  instant: boolean;
  promisedDays: number;
  /** 容缺受理: a missing secondary material may be made up later. */
  allowsMakeUp: boolean;
  online: boolean;
  /** Residents may book an appointment for it (预约). */
  bookable: boolean;
}

const TASK: Record<StageTask['status'], string> = { pending: '待审批', approved: '已通过', declined: '不予通过' };

const matters = new Map<string, Promise<MatterGuide | null>>();
/** A matter's full guide, with its materials and stages (public, once per page). */
export function matterOf(code: string): Promise<MatterGuide | null> {
  let guide = matters.get(code);
  if (!guide) {
    guide = api<MatterGuide>(`/api/catalogue/${encodeURIComponent(code)}`).then((a) => (a.ok ? a.body : null));
    matters.set(code, guide);
  }
  return guide;
}

/** Records an event on a case as the signed-in member of staff: `{ ok, status, body }` with the case after it. */
export function postEvent(caseId: string, body: Record<string, unknown>): Promise<Answer<CaseView>> {
  return clerkApi<CaseView>(`/api/cases/${encodeURIComponent(caseId)}/events`, { method: 'POST', body });
}

/** This organisation's own pending task in the case, if it has one: `{ stage, name }`. */
export function myPendingTask(c: CaseView, org: string): { stage: number; name: string } | undefined {
  for (const s of c.stages)
    if (s.tasks.some((t) => t.department === org && t.status === 'pending')) return { stage: s.stage, name: s.name };
  return undefined;
}

const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}/`);

/**
 * Where this node may forward the case (转报): upward to its street or the district, or to a
 * department, each only if it handles the matter; never where it is held or was sent already.
 */
export function forwardTargets(
  c: CaseView,
  matter: MatterGuide | null,
  nodeOrg: string,
  orgs: ReadonlyMap<string, Org>,
): Org[] {
  const upward: string[] = [];
  for (let p = nodeOrg; p.includes('/'); ) {
    p = p.slice(0, p.lastIndexOf('/'));
    upward.push(p);
  }
  const departments = matter ? [matter.department, ...(matter.stages ?? []).flatMap((s) => s.departments)] : [];
  const handles = (o: Org) =>
    o.kind === 'department' ||
    Boolean(matter?.levels.includes(o.level)) ||
    (matter?.decidedBy === 'street' && o.level === 5) ||
    (matter?.decidedBy === 'district' && o.level === 4);
  const sent = new Set(c.forwards.map((f) => f.to));
  return [...new Set([...upward, ...departments])]
    .filter((p) => p !== c.holder && !sent.has(p) && p !== nodeOrg)
    .flatMap((p) => {
      const o = orgs.get(p);
      return o && handles(o) ? [o] : [];
    });
}

/**
 * The halls below this node that took part in the case: where it may be returned for materials
 * (the applicant brings them to a hall, never to a department, though departments sit below the
 * district in the organisation paths).
 */
export function returnTargets(
  c: CaseView,
  nodeOrg: string,
  orgs: ReadonlyMap<string, Org>,
): Pick<Org, 'path' | 'name'>[] {
  return c.parties
    .filter((p) => p !== nodeOrg && within(p, nodeOrg) && orgs.get(p)?.kind !== 'department')
    .map((p) => orgs.get(p) ?? { path: p, name: p });
}

/** The stages of parallel approval: each department's task, its decision and note. */
export function stagesView(
  c: CaseView,
  matter: MatterGuide | null,
  orgs: ReadonlyMap<string, Org>,
  myOrg?: string,
): HTMLElement {
  const specs = matter?.stages ?? [];
  if (!specs.length) return h('p', { class: 'muted' }, '本事项不经并联审批。');
  const name = (p: string) => orgs.get(p)?.name ?? p;
  return h(
    'ol',
    { class: 'stages' },
    specs.map((spec, i) => {
      const st = c.stages.find((s) => s.stage === i);
      const declined = st?.tasks.some((t) => t.status === 'declined');
      const done = st?.tasks.every((t) => t.status === 'approved');
      // A stage never reached by a case that has ended (a department declined, withdrawn…) will not start.
      const [state, stateName] = !st
        ? c.closedAt
          ? ['ended', '未进行（已终止）']
          : ['waiting', '未启动']
        : declined
          ? ['declined', '不予通过']
          : done
            ? ['approved', '已通过']
            : ['running', '审批中'];
      const tasks: Partial<StageTask>[] = st ? st.tasks : spec.departments.map((department) => ({ department }));
      return h(
        'li',
        { class: `stage stage-${state}` },
        h(
          'div',
          { class: 'stage-head' },
          h('strong', {}, `第 ${i + 1} 阶段：${spec.name}`),
          h('span', { class: `stage-state stage-state-${state}` }, stateName),
          st ? h('span', { class: 'muted' }, `启动于 ${fmtDateTime(st.startedAt)}`) : null,
        ),
        h(
          'ul',
          { class: 'tasks' },
          tasks.map((t) =>
            h(
              'li',
              { class: `task task-${t.status ?? 'none'}${t.department === myOrg ? ' task-mine' : ''}` },
              h('span', { class: 'task-dept' }, name(t.department ?? ''), t.department === myOrg ? '（本部门）' : ''),
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
export function returnedBy(c: Pick<CaseView, 'events' | 'holder' | 'waitingForApplicant'>): string | undefined {
  const last = c.events
    .flatMap((e) => (e.kind === 'returned' ? [e] : []))
    .sort((a, b) => (a.at < b.at ? -1 : 1))
    .at(-1);
  if (!last || last.actor.org === last.to) return undefined;
  if (c.waitingForApplicant) return c.holder === last.to ? last.actor.org : undefined;
  return c.holder === last.actor.org ? last.actor.org : undefined;
}

/** Whether this office works the case now: it holds it, or it returned it and the materials came. */
export function worksHere(c: CaseView, org: string): boolean {
  if (c.status !== 'processing' || c.waitingForApplicant) return false;
  return c.holder === org || returnedBy(c) === org;
}

/** Where the case is now, in words: held here, elsewhere, or waiting for the applicant. */
export function holderText(c: CaseView, nodeOrg: string, orgs: ReadonlyMap<string, Org>): string {
  const name = (p: string) => orgs.get(p)?.name ?? p;
  if (c.waitingForApplicant)
    return `退回 ${name(c.holder)} 补正材料，等待申请人（自 ${fmtDate(c.waitingForApplicant.since)} 起暂停计时）`;
  const back = returnedBy(c);
  if (back) return back === nodeOrg ? '补正材料已收齐，由本机构继续办理' : `补正材料已收齐，由 ${name(back)} 继续办理`;
  return c.holder === nodeOrg ? '在本机构办理' : `在 ${name(c.holder)} 办理`;
}

import { randomInt, randomUUID } from 'node:crypto';
import {
  HallnetError,
  EVENT_AUTHORITY,
  forwardProblem,
  isClosed,
  mayReturnTo,
  type Actor,
  type CaseState,
  type Matter,
  type UnsignedCaseEvent,
} from '../../sync/index.js';
import { licencesFor } from './issue-licences.js';
import { nextStage, stagesDone } from '../../sync/stage-rules.js';
import type { WorkCalendar } from './working-days.js';

/** What staff can do to a case; each kind needs its right (see the route). */
export type CaseAction =
  | { kind: 'material-received'; materialId: string; note?: string | undefined }
  | { kind: 'completed'; result?: string | undefined; validUntil?: string | undefined }
  | { kind: 'rejected'; reason: string }
  | { kind: 'withdrawn'; reason?: string | undefined }
  | { kind: 'forwarded'; to: string; note?: string | undefined }
  | { kind: 'returned'; to: string; note: string; materials: string[] }
  | { kind: 'supplemented'; materials: string[] }
  | { kind: 'stage-started'; stage?: number | undefined }
  | { kind: 'approved'; stage: number; note?: string | undefined }
  | { kind: 'declined'; stage: number; reason: string }
  | { kind: 'extended'; days: number; reason: string }
  | {
      kind: 'delivered';
      method: 'window' | 'locker' | 'courier';
      courier?: string | undefined;
      tracking?: string | undefined;
    }
  | { kind: 'picked-up' }
  | { kind: 'commitment-checked'; outcome: 'true' | 'false'; note: string };

export interface ActionContext {
  matter: Matter | undefined;
  actor: Actor;
  /** The acting staff member's organisation (a department for approvals). */
  actorOrg: string;
  nodeOrg: string;
  now: Date;
  calendar: WorkCalendar;
}

/** The events an action adds (the node signs them as it stores them), and the organisations it makes parties. */
export interface Decision {
  events: UnsignedCaseEvent[];
  parties?: string[];
}

const refuse = (reason: string, field = 'kind') =>
  new HallnetError('ERR_CASE_STATE', reason, { issues: [{ field, reason }] });

/**
 * Checks an action against the case's current state and the matter, and returns what it adds —
 * or throws why not, leaving the case as it was. Pure but for fresh ids: the store calls it again
 * on a fresh state when another writer got in first.
 */
export function decideAction(state: CaseState, action: CaseAction, ctx: ActionContext): Decision {
  // A repeat (a double click, a retry after a lost answer) finds the case as the action leaves it: nothing to add.
  if (alreadyDone(state, action, ctx.actorOrg)) return { events: [] };
  const decision = decideUnchecked(state, action, ctx);
  // After the state checks, so "waiting for materials" is said before "not yours".
  checkResponsible(state, action.kind, ctx.actorOrg);
  return decision;
}

function decideUnchecked(state: CaseState, action: CaseAction, ctx: ActionContext): Decision {
  const base = () => ({ id: randomUUID(), at: ctx.now.toISOString(), actor: ctx.actor });
  const afterClose =
    action.kind === 'delivered' ||
    action.kind === 'picked-up' ||
    (action.kind === 'commitment-checked' && state.status === 'completed');
  if (isClosed(state.status) && !afterClose) throw refuse(`case already ${state.status} / 办件已结束`);
  // 预审 is decided on its own route (node/domain/review-application.ts); until then nothing else moves.
  if (state.status === 'pre-review' && action.kind !== 'withdrawn')
    throw refuse('the online application is still in pre-review / 网上申请尚在预审，请先审核受理');
  const promisedBy = state.promisedBy ?? ctx.now.toISOString();
  const one = (e: UnsignedCaseEvent): Decision => ({ events: [e] });
  const { matter } = ctx;
  switch (action.kind) {
    case 'material-received': {
      const spec = matter?.materials.find((m) => m.id === action.materialId);
      if (!spec)
        throw new HallnetError('ERR_VALIDATION', `no material ${action.materialId}`, {
          issues: [{ field: 'materialId', reason: 'not a material of this matter / 非本事项材料' }],
        });
      return one({
        ...base(),
        kind: 'material-received',
        materialId: spec.id,
        ...(action.note ? { note: action.note } : {}),
      });
    }
    case 'completed':
      if (state.outstanding.length)
        throw refuse(`materials outstanding: ${state.outstanding.join(', ')} / 容缺受理的材料尚未补齐，不能办结`);
      if (state.waitingForApplicant) throw refuse('waiting for the applicant / 等待申请人补正材料');
      if (!stagesDone(state, matter)) throw refuse('approval stages still open / 并联审批尚未全部通过');
      return one(completion(base(), matter, ctx.now, action.result, action.validUntil));
    case 'rejected':
      return one({ ...base(), kind: 'rejected', reason: action.reason });
    case 'withdrawn':
      return one({ ...base(), kind: 'withdrawn', ...(action.reason ? { reason: action.reason } : {}) });
    case 'forwarded':
      checkForward(state, matter, action.to);
      return {
        events: [{ ...base(), kind: 'forwarded', to: action.to, ...(action.note ? { note: action.note } : {}) }],
        parties: [action.to],
      };
    case 'returned': {
      if (!mayReturnTo(state.parties, ctx.nodeOrg, action.to))
        throw refuse('return only to a hall below that holds the case / 只能退回给下级经办窗口', 'to');
      const unknown = action.materials.filter((m) => !matter?.materials.some((x) => x.id === m));
      if (unknown.length)
        throw new HallnetError('ERR_VALIDATION', `unknown materials ${unknown.join(', ')}`, {
          issues: [{ field: 'materials', reason: 'not materials of this matter / 非本事项材料' }],
        });
      if (state.waitingForApplicant) throw refuse('already waiting for materials / 已在等待申请人补正材料');
      return one({ ...base(), kind: 'returned', to: action.to, note: action.note, materials: action.materials });
    }
    case 'supplemented': {
      const waiting = state.waitingForApplicant;
      if (!waiting) throw refuse('no materials were asked for / 本件没有待补正的材料');
      const missing = waiting.materials.filter((m) => !action.materials.includes(m));
      if (missing.length)
        throw new HallnetError('ERR_CASE_MATERIAL_MISSING', `still missing ${missing.join(', ')}`, {
          issues: missing.map((m) => ({ field: 'materials', reason: `missing ${m}` })),
        });
      // The days spent waiting for the applicant are not counted against the promised deadline.
      const days = ctx.calendar.workingDaysBetween(new Date(waiting.since), ctx.now);
      return one({
        ...base(),
        kind: 'supplemented',
        materials: action.materials,
        suspendedDays: days,
        promisedBy: ctx.calendar.deadline(new Date(promisedBy), days),
      });
    }
    case 'stage-started': {
      const stage = nextStage(state, matter);
      const spec = stage === undefined ? undefined : matter?.stages?.[stage];
      if (stage === undefined || !spec || (action.stage !== undefined && action.stage !== stage))
        throw refuse('no stage may start now / 没有可以启动的审批阶段', 'stage');
      return {
        events: [{ ...base(), kind: 'stage-started', stage, name: spec.name, departments: spec.departments }],
        parties: spec.departments,
      };
    }
    case 'approved':
    case 'declined': {
      const task = state.stages.find((s) => s.stage === action.stage)?.tasks.find((t) => t.department === ctx.actorOrg);
      if (!task)
        throw refuse(
          `no task of ${ctx.actorOrg} in this stage / 本部门在第 ${action.stage + 1} 阶段没有审批任务`,
          'stage',
        );
      if (task.status !== 'pending') throw refuse('already decided / 本部门已审批');
      if (action.kind === 'declined')
        return one({
          ...base(),
          kind: 'declined',
          stage: action.stage,
          department: ctx.actorOrg,
          reason: action.reason,
        });
      // The next stage, or completion after the last, is the coordinating office's decision (node/workflow/case-advancer.ts).
      return one({
        ...base(),
        kind: 'approved',
        stage: action.stage,
        department: ctx.actorOrg,
        ...(action.note ? { note: action.note } : {}),
      });
    }
    case 'extended':
      return one({
        ...base(),
        kind: 'extended',
        days: action.days,
        reason: action.reason,
        promisedBy: ctx.calendar.deadline(new Date(promisedBy), action.days),
      });
    case 'delivered':
      if (state.status !== 'completed') throw refuse('deliver only a completed case / 办结后才能出件');
      if (state.delivery) throw refuse('already delivered / 已出件');
      return one({
        ...base(),
        kind: 'delivered',
        method: action.method,
        ...(action.method === 'locker' ? { lockerCode: String(randomInt(1_000_000)).padStart(6, '0') } : {}),
        ...(action.courier ? { courier: action.courier } : {}),
        ...(action.tracking ? { tracking: action.tracking } : {}),
      });
    case 'picked-up':
      if (!state.delivery) throw refuse('nothing delivered yet / 尚未出件');
      if (state.pickedUpAt) throw refuse('already picked up / 已领取');
      return one({ ...base(), kind: 'picked-up' });
    case 'commitment-checked':
      if (!state.commitments.length) throw refuse('the case has no commitment to check / 本件没有告知承诺');
      if (state.commitmentCheck) throw refuse('the check is already recorded / 已记录核查结果');
      return one({ ...base(), kind: 'commitment-checked', outcome: action.outcome, note: action.note });
  }
}

/**
 * Whether the case already stands as this office's action would leave it, so the action answers
 * its success again instead of an error: the material is in, the case is where it was forwarded
 * or returned to, the stage runs, this department's decision is recorded, the case was closed or
 * handed out this way by this office. An extension is never a repeat: two are two.
 */
export function alreadyDone(state: CaseState, action: CaseAction, org: string): boolean {
  const closedBy = (kind: 'completed' | 'rejected' | 'withdrawn') =>
    state.status === kind && state.events.findLast((e) => e.kind === kind)?.actor.org === org;
  switch (action.kind) {
    case 'material-received':
      return state.received.includes(action.materialId) && !state.outstanding.includes(action.materialId);
    case 'completed':
    case 'rejected':
    case 'withdrawn':
      return closedBy(action.kind);
    case 'forwarded': {
      const last = state.forwards.at(-1);
      return state.holder === action.to && last?.to === action.to && last.from === org;
    }
    case 'returned': {
      const w = state.waitingForApplicant;
      return Boolean(
        w &&
          w.by === org &&
          state.holder === action.to &&
          w.materials.length === action.materials.length &&
          action.materials.every((m) => w.materials.includes(m)),
      );
    }
    case 'supplemented':
      return (
        !state.waitingForApplicant &&
        state.events.some((e) => e.kind === 'supplemented' && action.materials.every((m) => e.materials.includes(m)))
      );
    case 'stage-started':
      return action.stage !== undefined && state.stages.some((s) => s.stage === action.stage);
    case 'approved':
    case 'declined': {
      const task = state.stages.find((s) => s.stage === action.stage)?.tasks.find((t) => t.department === org);
      return task?.status === (action.kind === 'approved' ? 'approved' : 'declined');
    }
    case 'extended':
      return false;
    case 'delivered':
      return state.delivery?.method === action.method;
    case 'picked-up':
      return state.pickedUpAt !== undefined;
    case 'commitment-checked':
      return state.commitmentCheck?.outcome === action.outcome && state.commitmentCheck.by.org === org;
  }
}

/**
 * One office decides a case at a time (design §4): the one holding it; a department decides only
 * its own stage task, the accepting hall hands the result out. Refused here with the holder named,
 * and by the hub's write rule for any writer that skips this check.
 */
function checkResponsible(state: CaseState, kind: CaseAction['kind'], org: string): void {
  const who = EVENT_AUTHORITY[kind];
  const ok =
    who === 'holder'
      ? org === state.holder
      : who === 'holder-or-scope'
        ? org === state.holder || org === state.scope
        : true;
  if (!ok) {
    throw new HallnetError('ERR_NOT_RESPONSIBLE', `${kind}: the case is held by ${state.holder}, not ${org}`, {
      issues: [
        {
          field: 'kind',
          reason: `the case is held by ${state.holder} / 本件已由其他机构负责办理，本机构不能进行此操作`,
        },
      ],
      detail: { holder: state.holder },
    });
  }
}

/** 转报 goes upward only, to an organisation that handles the matter. */
function checkForward(state: CaseState, matter: Matter | undefined, to: string): void {
  if (state.holder === to || (state.parties.includes(to) && state.forwards.some((f) => f.to === to)))
    throw refuse(`already forwarded to ${to} / 已转报至该机构，不能重复转报`, 'to');
  const problem = forwardProblem(matter, state.holder, to);
  if (problem === 'not-upward') throw refuse('forward only upward or to a department / 只能向上级或部门转报', 'to');
  if (problem === 'not-handled') {
    throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${to} does not handle ${matter?.name ?? state.matterCode}`, {
      issues: [{ field: 'to', reason: 'that organisation does not handle this matter / 该机构不办理此事项' }],
    });
  }
}

/** 办结: with the matter's electronic licences, when its result is one (电子证照). */
export function completion(
  base: { id: string; at: string; actor: Actor },
  matter: Matter | undefined,
  now: Date,
  result?: string,
  validUntil?: string,
): UnsignedCaseEvent {
  const licences = licencesFor(matter, now, validUntil);
  return { ...base, kind: 'completed', ...(result ? { result } : {}), ...(licences.length ? { licences } : {}) };
}

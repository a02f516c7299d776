import type { Applicant, CaseDoc, CaseEvent } from './case.js';
import type { Actor } from './envelope.js';
import { AFTER_CLOSE, officeProblem, type CaseFlagCode } from './case-office.js';

export type CaseStatus = 'processing' | 'completed' | 'rejected' | 'withdrawn';

/** One department's part of a parallel stage (并联审批). */
export interface StageTask {
  department: string;
  status: 'pending' | 'approved' | 'declined';
  at: string | undefined;
  by: Actor | undefined;
  note: string | undefined;
}

/** A stage of parallel approval, once started. */
export interface StageState {
  stage: number;
  name: string;
  startedAt: string;
  tasks: StageTask[];
}

/** An event that was not folded into the case, and why. */
export interface CaseFlag {
  eventId: string;
  kind: CaseEvent['kind'];
  at: string;
  actor: Actor;
  code: CaseFlagCode;
}

/** What a case is now: a pure fold of its events, so every node that holds the same events agrees. */
export interface CaseState {
  id: string;
  queryCode: string;
  matterCode: string;
  matterName: string;
  /** The matter's version the case was accepted under. */
  matterVersion: number;
  department: string;
  scope: string;
  /** The offices involved, as the folded events make them: the accepting hall, where it was forwarded, the stages' departments. */
  parties: string[];
  applicant: Applicant;
  status: CaseStatus;
  channel: 'window' | 'online';
  acceptedAt: string;
  acceptedBy: Actor;
  promisedBy: string;
  /** Where the case is being worked now: the accepting hall, or where it was forwarded or returned to. */
  holder: string;
  forwards: { from: string; to: string; at: string; note: string | undefined }[];
  /** Secondary materials still to be made up (容缺), with the date they are due. */
  outstanding: string[];
  makeUpBy: string | undefined;
  makeUpOverdue: boolean;
  /** Sent back for materials: the clock stops until they come (补正). */
  waitingForApplicant: { since: string; materials: string[]; note: string; by: string } | undefined;
  suspendedDays: number;
  received: string[];
  stages: StageState[];
  extensions: { days: number; reason: string; at: string }[];
  /** How the result went out, and where: `org` is the office that handed it out (whose window, whose locker). */
  delivery: { method: 'window' | 'locker' | 'courier'; at: string; org: string; lockerCode?: string | undefined; courier?: string | undefined; tracking?: string | undefined } | undefined;
  pickedUpAt: string | undefined;
  /** The applicant asked for no courtesy SMS (受理、办结); procedural notices still go. */
  noticesOptedOut: boolean;
  closedAt: string | undefined;
  /** Completed at acceptance, at the window (即办). */
  instant: boolean;
  result: string | undefined;
  reason: string | undefined;
  events: CaseEvent[];
  /** Events left out of the fold: a bad signature, or an office acting out of turn (for the supervisor). */
  flags: CaseFlag[];
}

const CLOSED: ReadonlySet<CaseStatus> = new Set(['completed', 'rejected', 'withdrawn']);

export function isClosed(status: CaseStatus): boolean {
  return CLOSED.has(status);
}

/**
 * Folds a (merged) case document into its state, in the log's order (causal: see mergeCase).
 * Events named in `invalid` (a signature that does not verify, found by the caller) are left out
 * and flagged, and so is every event its office may not write at that point (`officeProblem`):
 * two offices cut off from each other that both decide keep both events, the first in log order
 * counts everywhere and the other is flagged for the supervisor.
 */
export function foldCase(doc: CaseDoc, invalid?: ReadonlyMap<string, CaseFlagCode>): CaseState {
  const first = doc.events.find((e) => e.kind === 'accepted' && !invalid?.has(e.id));
  if (first?.kind !== 'accepted') throw new TypeError(`case ${doc._id} has no valid acceptance`);
  const state: CaseState = {
    id: doc._id.replace(/^case:/, ''),
    queryCode: doc.queryCode,
    matterCode: doc.matterCode,
    matterName: doc.matterName,
    matterVersion: doc.matterVersion ?? 1,
    department: doc.department,
    scope: doc.scope,
    parties: [doc.scope],
    applicant: doc.applicant,
    status: 'processing',
    channel: first.channel,
    acceptedAt: first.at,
    acceptedBy: first.actor,
    promisedBy: first.promisedBy,
    holder: doc.scope,
    forwards: [],
    outstanding: [...first.missing],
    makeUpBy: first.makeUpBy,
    makeUpOverdue: false,
    waitingForApplicant: undefined,
    suspendedDays: 0,
    received: [...first.received],
    stages: [],
    extensions: [],
    delivery: undefined,
    pickedUpAt: undefined,
    noticesOptedOut: false,
    closedAt: undefined,
    instant: false,
    result: undefined,
    reason: undefined,
    events: doc.events,
    flags: [],
  };
  for (const e of doc.events) {
    if (e === first) continue;
    const code = invalid?.get(e.id) ?? officeProblem(state, e);
    if (code) state.flags.push({ eventId: e.id, kind: e.kind, at: e.at, actor: e.actor, code });
    else applyEvent(state, e);
  }
  return state;
}

/** Applies one event the fold has found admissible. */
export function applyEvent(s: CaseState, e: CaseEvent): void {
  if (isClosed(s.status) && !AFTER_CLOSE.has(e.kind)) return;
  switch (e.kind) {
    case 'accepted':
      return;
    case 'material-received':
      if (!s.received.includes(e.materialId)) s.received.push(e.materialId);
      s.outstanding = s.outstanding.filter((m) => m !== e.materialId);
      return;
    case 'forwarded':
      s.forwards.push({ from: s.holder, to: e.to, at: e.at, note: e.note });
      s.holder = e.to;
      if (!s.parties.includes(e.to)) s.parties.push(e.to);
      return;
    case 'returned':
      s.waitingForApplicant = { since: e.at, materials: e.materials, note: e.note, by: s.holder };
      s.holder = e.to;
      return;
    case 'supplemented':
      for (const m of e.materials) if (!s.received.includes(m)) s.received.push(m);
      s.outstanding = s.outstanding.filter((m) => !e.materials.includes(m));
      // The made-up case goes back to the office that asked for the materials.
      if (s.waitingForApplicant) s.holder = s.waitingForApplicant.by;
      s.waitingForApplicant = undefined;
      s.suspendedDays += e.suspendedDays;
      s.promisedBy = e.promisedBy;
      return;
    case 'stage-started':
      if (s.stages.some((st) => st.stage === e.stage)) return;
      for (const d of e.departments) if (!s.parties.includes(d)) s.parties.push(d);
      s.stages.push({
        stage: e.stage,
        name: e.name,
        startedAt: e.at,
        tasks: e.departments.map((department) => ({ department, status: 'pending', at: undefined, by: undefined, note: undefined })),
      });
      return;
    case 'approved':
    case 'declined': {
      const task = s.stages.find((st) => st.stage === e.stage)?.tasks.find((t) => t.department === e.department);
      if (task?.status !== 'pending') return;
      task.status = e.kind === 'approved' ? 'approved' : 'declined';
      task.at = e.at;
      task.by = e.actor;
      task.note = e.kind === 'approved' ? e.note : e.reason;
      if (e.kind === 'declined') {
        s.status = 'rejected';
        s.closedAt = e.at;
        s.reason = e.reason;
      }
      return;
    }
    case 'extended':
      s.extensions.push({ days: e.days, reason: e.reason, at: e.at });
      s.promisedBy = e.promisedBy;
      return;
    case 'delivered':
      s.delivery = { method: e.method, at: e.at, org: e.actor.org, lockerCode: e.lockerCode, courier: e.courier, tracking: e.tracking };
      return;
    case 'picked-up':
      s.pickedUpAt = e.at;
      return;
    case 'make-up-overdue':
      s.makeUpOverdue = true;
      return;
    case 'notices-opted-out':
      s.noticesOptedOut = true;
      return;
    case 'completed':
      s.status = 'completed';
      s.closedAt = e.at;
      s.result = e.result;
      s.instant = e.at === s.acceptedAt;
      return;
    case 'rejected':
    case 'withdrawn':
      s.status = e.kind;
      s.closedAt = e.at;
      s.reason = e.reason;
      return;
  }
}

import type { Actor, Applicant, CaseDoc, CaseEvent } from '../../sync/index.js';

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

/** What a case is now: a pure fold of its events, so every node that holds the same events agrees. */
export interface CaseState {
  id: string;
  queryCode: string;
  matterCode: string;
  matterName: string;
  department: string;
  scope: string;
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
  delivery: { method: 'window' | 'locker' | 'courier'; at: string; lockerCode?: string | undefined; courier?: string | undefined; tracking?: string | undefined } | undefined;
  pickedUpAt: string | undefined;
  /** The applicant asked for no courtesy SMS (受理、办结); procedural notices still go. */
  noticesOptedOut: boolean;
  closedAt: string | undefined;
  /** Completed at acceptance, at the window (即办). */
  instant: boolean;
  result: string | undefined;
  reason: string | undefined;
  events: CaseEvent[];
}

const CLOSED: ReadonlySet<CaseStatus> = new Set(['completed', 'rejected', 'withdrawn']);

export function isClosed(status: CaseStatus): boolean {
  return CLOSED.has(status);
}

/** Events that still count once a case is closed: they record what happens to the result, or late paper. */
const AFTER_CLOSE: ReadonlySet<CaseEvent['kind']> = new Set(['material-received', 'delivered', 'picked-up', 'notices-opted-out']);

/** Folds a (merged) case document into its state. Events arrive in merge order; the first close wins. */
export function foldCase(doc: CaseDoc): CaseState {
  // A merged log is ordered by time, and clocks of offline nodes drift: find the acceptance by kind.
  const first = doc.events.find((e) => e.kind === 'accepted');
  if (!first || first.kind !== 'accepted') throw new TypeError(`case ${doc._id} has no acceptance`);
  const state: CaseState = {
    id: doc._id.replace(/^case:/, ''),
    queryCode: doc.queryCode,
    matterCode: doc.matterCode,
    matterName: doc.matterName,
    department: doc.department,
    scope: doc.scope,
    parties: doc.parties,
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
  };
  for (const e of doc.events) apply(state, e);
  return state;
}

function apply(s: CaseState, e: CaseEvent): void {
  // Two offline nodes may both close a case; the first close in merge order wins everywhere.
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
      if (!task || task.status !== 'pending') return;
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
      s.delivery = { method: e.method, at: e.at, lockerCode: e.lockerCode, courier: e.courier, tracking: e.tracking };
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

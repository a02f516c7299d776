import type { Applicant, CaseDoc, CaseEvent, Commitment, IssuedOnCase } from './case.js';
import type { Actor } from './envelope.js';
import { AFTER_CLOSE, officeProblem, type CaseFlagCode } from './case-office.js';
import type { LibraryUse } from './library-use.js';

/** 预审 (an online application not yet accepted), 办理中, and how a case ends; 不予受理 (`refused`) ends an application in 预审. */
export type CaseStatus = 'pre-review' | 'processing' | 'completed' | 'rejected' | 'withdrawn' | 'refused';

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
  /** An online application: when and by whom (the resident, through a hall) it was made. */
  appliedAt: string | undefined;
  appliedBy: Actor | undefined;
  /** In 预审, what the reviewing clerk asked the resident to add. */
  amendment: { materials: string[]; note: string; at: string; by: Actor } | undefined;
  /** Accepted: when, by which clerk, and the promised deadline, which runs from then. Undefined in 预审 and for an application refused there. */
  acceptedAt: string | undefined;
  acceptedBy: Actor | undefined;
  promisedBy: string | undefined;
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
  /** Materials taken from the applicant's library instead of paper (免提交), with their level. */
  library: LibraryUse[];
  /** Materials the applicant stands for by his signed commitment (告知承诺, level D), each with who recorded it. */
  commitments: (Commitment & { level: 'D'; recordedBy: Actor; recordedAt: string })[];
  /** When the department verifies what was committed to (告知承诺 核查), when the matter sets a time. */
  checkBy: string | undefined;
  /**
   * The 核查 of those commitments, once recorded: `false` ended an open case as rejected, or revoked
   * a completed case's result (its licences are revoked in the register by the office that checked).
   */
  commitmentCheck: { outcome: 'true' | 'false'; note: string; at: string; by: Actor } | undefined;
  /** Electronic licences the completion issued. */
  licences: IssuedOnCase[];
  stages: StageState[];
  extensions: { days: number; reason: string; at: string }[];
  /** How the result went out, and where: `org` is the office that handed it out (whose window, whose locker). */
  delivery:
    | {
        method: 'window' | 'locker' | 'courier';
        at: string;
        org: string;
        lockerCode?: string | undefined;
        courier?: string | undefined;
        tracking?: string | undefined;
      }
    | undefined;
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

const CLOSED: ReadonlySet<CaseStatus> = new Set(['completed', 'rejected', 'withdrawn', 'refused']);

export function isClosed(status: CaseStatus): boolean {
  return CLOSED.has(status);
}

/** A case a clerk has accepted: its deadline runs (every window case; an online one once out of 预审). */
export type AcceptedCase = CaseState & { acceptedAt: string; acceptedBy: Actor; promisedBy: string };

/** Whether the case has been accepted, so its deadline, light and figures count. */
export function isAccepted(c: CaseState): c is AcceptedCase {
  return c.acceptedAt !== undefined && c.acceptedBy !== undefined && c.promisedBy !== undefined;
}

/**
 * Folds a (merged) case document into its state, in the log's order (causal: see mergeCase).
 * Events named in `invalid` (a signature that does not verify, found by the caller) are left out
 * and flagged, and so is every event its office may not write at that point (`officeProblem`):
 * two offices cut off from each other that both decide keep both events, the first in log order
 * counts everywhere and the other is flagged for the supervisor.
 */
export function foldCase(doc: CaseDoc, invalid?: ReadonlyMap<string, CaseFlagCode>): CaseState {
  const first = doc.events.find((e) => (e.kind === 'accepted' || e.kind === 'applied') && !invalid?.has(e.id));
  if (first?.kind !== 'accepted' && first?.kind !== 'applied')
    throw new TypeError(`case ${doc._id} has no valid acceptance or application`);
  const state = openFold(doc, first);
  for (const e of doc.events) if (e !== first) foldEvent(state, e, invalid);
  return state;
}

/** The case as its first event, the acceptance or the online application, makes it: the start of a fold. */
export function openFold(doc: CaseDoc, first: Extract<CaseEvent, { kind: 'accepted' | 'applied' }>): CaseState {
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
    channel: first.kind === 'applied' ? 'online' : first.channel,
    appliedAt: undefined,
    appliedBy: undefined,
    amendment: undefined,
    acceptedAt: undefined,
    acceptedBy: undefined,
    promisedBy: undefined,
    holder: doc.scope,
    forwards: [],
    outstanding: [],
    makeUpBy: undefined,
    makeUpOverdue: false,
    waitingForApplicant: undefined,
    suspendedDays: 0,
    received: [],
    library: [],
    commitments: [],
    checkBy: undefined,
    commitmentCheck: undefined,
    licences: [],
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
  if (first.kind === 'applied') {
    state.status = 'pre-review';
    state.appliedAt = first.at;
    state.appliedBy = first.actor;
    // The hall the resident applied through follows the application too.
    if (!state.parties.includes(first.actor.org)) state.parties.push(first.actor.org);
    takeMaterials(state, first.received, first.library);
    takeCommitments(state, first);
  } else {
    accept(state, first);
  }
  return state;
}

/** Folds one more event in: applied when its office may write it at this point, flagged when not. */
export function foldEvent(state: CaseState, e: CaseEvent, invalid?: ReadonlyMap<string, CaseFlagCode>): void {
  const code = invalid?.get(e.id) ?? officeProblem(state, e);
  if (code) state.flags.push({ eventId: e.id, kind: e.kind, at: e.at, actor: e.actor, code });
  else applyEvent(state, e);
}

/** The acceptance: the deadline runs from now, what was checked is received, the rest is to be made up. */
function accept(s: CaseState, e: Extract<CaseEvent, { kind: 'accepted' }>): void {
  s.status = 'processing';
  s.acceptedAt = e.at;
  s.acceptedBy = e.actor;
  s.promisedBy = e.promisedBy;
  s.amendment = undefined;
  takeMaterials(s, e.received, e.library ?? []);
  takeCommitments(s, e);
  s.outstanding = e.missing.filter((m) => !s.received.includes(m));
  s.makeUpBy = e.makeUpBy;
  s.checkBy = e.checkBy;
}

/** The commitments an acceptance or application carries: each stands for its material, recorded by the event's actor. */
function takeCommitments(s: CaseState, e: Extract<CaseEvent, { kind: 'accepted' | 'applied' }>): void {
  for (const c of e.commitments ?? []) {
    if (s.commitments.some((x) => x.materialId === c.materialId)) continue;
    s.commitments.push({ ...c, level: 'D', recordedBy: e.actor, recordedAt: e.at });
    if (!s.received.includes(c.materialId)) s.received.push(c.materialId);
  }
}

function takeMaterials(s: CaseState, received: readonly string[], library: readonly LibraryUse[]): void {
  for (const m of [...received, ...library.map((u) => u.materialId)]) if (!s.received.includes(m)) s.received.push(m);
  for (const u of library) if (!s.library.some((x) => x.materialId === u.materialId)) s.library.push(u);
}

/** Applies one event the fold has found admissible. */
export function applyEvent(s: CaseState, e: CaseEvent): void {
  if (isClosed(s.status) && !AFTER_CLOSE.has(e.kind)) return;
  switch (e.kind) {
    case 'accepted':
      // The fold admits a second acceptance only as the clerk's acceptance of an application in 预审.
      if (s.status === 'pre-review') accept(s, e);
      return;
    case 'applied':
      return;
    case 'amendment-requested':
      s.amendment = { materials: e.materials, note: e.note, at: e.at, by: e.actor };
      return;
    case 'amended':
      takeMaterials(s, e.materials, e.library);
      if (s.amendment?.materials.every((m) => s.received.includes(m))) s.amendment = undefined;
      return;
    case 'refused':
      s.status = 'refused';
      s.closedAt = e.at;
      s.reason = e.reason;
      s.amendment = undefined;
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
        tasks: e.departments.map((department) => ({
          department,
          status: 'pending',
          at: undefined,
          by: undefined,
          note: undefined,
        })),
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
      s.delivery = {
        method: e.method,
        at: e.at,
        org: e.actor.org,
        lockerCode: e.lockerCode,
        courier: e.courier,
        tracking: e.tracking,
      };
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
    case 'commitment-checked':
      // Only a case with commitments is checked, and only once.
      if (!s.commitments.length || s.commitmentCheck) return;
      s.commitmentCheck = { outcome: e.outcome, note: e.note, at: e.at, by: e.actor };
      if (e.outcome === 'false' && !isClosed(s.status)) {
        s.status = 'rejected';
        s.closedAt = e.at;
        s.reason = `告知承诺经核查不实：${e.note}`;
      }
      return;
    case 'completed':
      s.status = 'completed';
      s.closedAt = e.at;
      s.result = e.result;
      s.instant = e.at === s.acceptedAt;
      s.licences = e.licences ?? [];
      return;
    case 'rejected':
    case 'withdrawn':
      s.status = e.kind;
      s.closedAt = e.at;
      s.reason = e.reason;
      return;
  }
}

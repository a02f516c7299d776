import type { CaseState, CaseStatus, StageState } from '../case-state.js';

/**
 * Where a case stands for the applicant: its status, except that a case sent back for materials
 * (退回补正) is `returned` — its clock stops and the next step is the applicant's, so "processing"
 * would tell him the wrong thing; and a case accepted, then ended by a department's 不予通过 in
 * parallel approval, is `declined` (审批不通过), not the window's 不予受理/退件.
 */
export type CasePhase = CaseStatus | 'returned' | 'declined';

/** The department task that declined the case in parallel approval, if one did. */
export function declinedTask(state: { stages: readonly Pick<StageState, 'tasks'>[] }) {
  for (const st of state.stages) for (const t of st.tasks) if (t.status === 'declined') return t;
  return undefined;
}

/** The phase of a case: `returned` while it waits for the applicant's materials, `declined` when a department ended it, else its status. */
export function casePhase(state: Pick<CaseState, 'status' | 'waitingForApplicant' | 'stages'>): CasePhase {
  if (state.status === 'processing' && state.waitingForApplicant) return 'returned';
  return state.status === 'rejected' && declinedTask(state) ? 'declined' : state.status;
}

import type { CaseState, CaseStatus } from '../case-state.js';

/**
 * Where a case stands for the applicant: its status, except that a case sent back for materials
 * (退回补正) is `returned` — its clock stops and the next step is the applicant's, so "processing"
 * would tell him the wrong thing.
 */
export type CasePhase = CaseStatus | 'returned';

/** The phase of a case: `returned` while it waits for the applicant's materials, else its status. */
export function casePhase(state: Pick<CaseState, 'status' | 'waitingForApplicant'>): CasePhase {
  return state.status === 'processing' && state.waitingForApplicant ? 'returned' : state.status;
}

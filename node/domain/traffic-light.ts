import { DEFAULT_YELLOW_HOURS, isClosed, trafficLight, type CaseState, type Light } from '../../sync/index.js';
import type { WorkCalendar } from './working-days.js';

// The light itself is in sync/ (the city hub's figures count lights too); re-exported for the node's modules.
export { DEFAULT_YELLOW_HOURS, trafficLight, type Light } from '../../sync/index.js';

/** The working days an open case has waited for the applicant so far (0 when it does not wait). */
export function pausedDays(state: Pick<CaseState, 'waitingForApplicant'>, now: Date, calendar: WorkCalendar): number {
  const w = state.waitingForApplicant;
  return w ? calendar.workingDaysBetween(new Date(w.since), now) : 0;
}

/**
 * Whether an open case counts as overdue at `at` (ms): past its promised deadline, except while it
 * waits for the applicant — then only if it was already past the deadline when the clock stopped.
 * The figures judge overdue cases by the same rule as the light.
 */
export function overdueAt(state: Pick<CaseState, 'promisedBy' | 'waitingForApplicant'>, at: number): boolean {
  // An application in 预审 has no deadline to miss.
  if (state.promisedBy === undefined) return false;
  const due = Date.parse(state.promisedBy);
  const since = state.waitingForApplicant ? Date.parse(state.waitingForApplicant.since) : undefined;
  if (since !== undefined && since <= at) return due < since;
  return due < at;
}

/**
 * The light the applicant sees from a case's view (which does not carry the wait itself): paused
 * while the case waits for his materials (补正), when its clock has stopped and the next step is
 * his; otherwise the case's own.
 */
export function applicantLight(
  v: { status: CaseState['status']; phase: string; promisedBy?: string },
  now: Date,
  yellowHours = DEFAULT_YELLOW_HOURS,
): Light | null {
  if (isClosed(v.status)) return null;
  return v.phase === 'returned'
    ? 'paused'
    : trafficLight({ status: v.status, promisedBy: v.promisedBy, waitingForApplicant: undefined }, now, yellowHours);
}

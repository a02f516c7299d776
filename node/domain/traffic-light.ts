import { isClosed, type CaseState } from '../../sync/index.js';
import type { WorkCalendar } from './working-days.js';

/** A case's light: green, yellow near the deadline, red past it, or paused while the applicant is waited for. */
export type Light = 'green' | 'yellow' | 'red' | 'paused';

/** Hours before the promised deadline at which a case turns yellow, unless configured otherwise. */
export const DEFAULT_YELLOW_HOURS = 24;

type Clocked = Pick<CaseState, 'status' | 'promisedBy' | 'waitingForApplicant'>;

/**
 * 红绿灯: green from acceptance, yellow within `yellowHours` of the promised deadline, red once
 * it has passed. While the case waits for the applicant's materials (退回补正) the clock stands
 * still and the light is paused: the deadline moves by the days waited once the materials come.
 * A closed case, and an online application not yet accepted, has no light.
 */
export function trafficLight(state: Clocked, now: Date, yellowHours = DEFAULT_YELLOW_HOURS): Light | null {
  // An application in 预审 has no deadline yet: the hall's clock starts at acceptance.
  if (isClosed(state.status) || state.promisedBy === undefined) return null;
  if (state.waitingForApplicant) return 'paused';
  const left = Date.parse(state.promisedBy) - now.getTime();
  if (left < 0) return 'red';
  if (left <= yellowHours * 3600_000) return 'yellow';
  return 'green';
}

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

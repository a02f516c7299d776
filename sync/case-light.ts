import { isClosed, type CaseState } from './case-state.js';

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

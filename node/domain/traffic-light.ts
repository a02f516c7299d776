import { isClosed, type CaseState } from '../../sync/index.js';

export type Light = 'green' | 'yellow' | 'red';

/** Hours before the promised deadline at which a case turns yellow, unless configured otherwise. */
export const DEFAULT_YELLOW_HOURS = 24;

/**
 * 红绿灯: green from acceptance, yellow within `yellowHours` of the promised deadline, red once
 * it has passed. A closed case has no light.
 */
export function trafficLight(state: Pick<CaseState, 'status' | 'promisedBy'>, now: Date, yellowHours = DEFAULT_YELLOW_HOURS): Light | null {
  if (isClosed(state.status)) return null;
  const left = Date.parse(state.promisedBy) - now.getTime();
  if (left < 0) return 'red';
  if (left <= yellowHours * 3600_000) return 'yellow';
  return 'green';
}

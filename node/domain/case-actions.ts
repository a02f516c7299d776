import { randomUUID } from 'node:crypto';
import { HallnetError, type Actor, type CaseEvent, type Matter } from '../../sync/index.js';
import { isClosed, type CaseState } from './case-state.js';

/** What a clerk can do to an accepted case at the window (more kinds arrive with the workflow). */
export type CaseAction =
  | { kind: 'material-received'; materialId: string; note?: string | undefined }
  | { kind: 'completed'; result?: string | undefined }
  | { kind: 'rejected'; reason: string }
  | { kind: 'withdrawn'; reason?: string | undefined };

/**
 * Checks an action against the case's current state and returns the event it adds, or throws
 * with the reason it is refused. Pure: the store calls it again on a fresh state if it races.
 */
export function decideAction(state: CaseState, matter: Matter | undefined, action: CaseAction, actor: Actor, now: Date): CaseEvent {
  const base = { id: randomUUID(), at: now.toISOString(), actor };
  if (isClosed(state.status)) {
    throw new HallnetError('ERR_CASE_STATE', `case is ${state.status}`, { issues: [{ field: 'kind', reason: `case already ${state.status} / 办件已结束` }] });
  }
  switch (action.kind) {
    case 'material-received': {
      const spec = matter?.materials.find((m) => m.id === action.materialId);
      if (!spec) {
        throw new HallnetError('ERR_VALIDATION', `no material ${action.materialId}`, { issues: [{ field: 'materialId', reason: 'not a material of this matter / 非本事项材料' }] });
      }
      return { ...base, kind: 'material-received', materialId: spec.id, ...(action.note ? { note: action.note } : {}) };
    }
    case 'completed':
      if (state.outstanding.length) {
        throw new HallnetError('ERR_CASE_STATE', `materials outstanding: ${state.outstanding.join(', ')}`, {
          issues: [{ field: 'kind', reason: `容缺材料未补齐: ${state.outstanding.join(', ')}` }],
        });
      }
      return { ...base, kind: 'completed', ...(action.result ? { result: action.result } : {}) };
    case 'rejected':
      return { ...base, kind: 'rejected', reason: action.reason };
    case 'withdrawn':
      return { ...base, kind: 'withdrawn', ...(action.reason ? { reason: action.reason } : {}) };
  }
}

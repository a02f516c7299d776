import { HallnetError } from '../../sync/index.js';
import type { QueueActor } from './clerk-window.js';
import { currentAt, type Decision, type QueueContext, type QueueState } from './queue-state.js';
import type { ServiceWindow } from './service-window.js';

/**
 * Closes a window: its clerk, or the director (a clerk who left without closing). Refused while a
 * ticket is being served there; tickets parked at it stay parked and can be resumed elsewhere.
 */
export function closeWindow(
  state: QueueState,
  windowId: string,
  actor: QueueActor,
  ctx: QueueContext,
): Decision<ServiceWindow> {
  const w = state.windows.get(windowId);
  if (!w) throw new HallnetError('ERR_NOT_FOUND', `no window ${windowId}`);
  if (!w.open) return { result: w, change: {} };
  if (w.clerk?.id !== actor.id && !actor.director) {
    throw new HallnetError('ERR_WINDOW_NOT_YOURS', `window ${w.name} is open under ${w.clerk?.id}`, {
      detail: { window: w.id },
    });
  }
  const current = currentAt(state, w.id);
  if (current)
    throw new HallnetError('ERR_WINDOW_STATE', `window ${w.name} is still serving ${current.number}`, {
      detail: { window: w.id, number: current.number },
    });
  const { clerk: _clerk, openedAt: _openedAt, ...rest } = w;
  const closed: ServiceWindow = { ...rest, open: false, updatedAt: ctx.now.toISOString() };
  return {
    result: closed,
    change: { windows: [closed], events: [{ kind: 'window-closed', windowId: w.id, windowName: w.name }] },
  };
}

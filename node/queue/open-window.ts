import { HallnetError } from '../../sync/index.js';
import type { QueueActor } from './clerk-window.js';
import type { Decision, QueueContext, QueueState } from './queue-state.js';
import type { ServiceWindow } from './service-window.js';

/**
 * A clerk opens a window and it is bound to him until closed. Opening one's own open window
 * again changes nothing; a window open under someone else, or a second window, is refused.
 */
export function openWindow(
  state: QueueState,
  windowId: string,
  clerk: QueueActor,
  ctx: QueueContext,
): Decision<ServiceWindow> {
  const w = state.windows.get(windowId);
  if (!w) throw new HallnetError('ERR_NOT_FOUND', `no window ${windowId}`);
  if (w.open && w.clerk?.id === clerk.id) return { result: w, change: {} };
  if (w.open)
    throw new HallnetError('ERR_WINDOW_NOT_YOURS', `window ${w.name} is open under ${w.clerk?.id}`, {
      detail: { window: w.id },
    });
  for (const other of state.windows.values()) {
    if (other.open && other.clerk?.id === clerk.id) {
      throw new HallnetError('ERR_WINDOW_STATE', `${clerk.id} already has window ${other.name} open; close it first`, {
        detail: { window: other.id },
      });
    }
  }
  const at = ctx.now.toISOString();
  const opened: ServiceWindow = {
    ...w,
    open: true,
    clerk: { id: clerk.id, ...(clerk.name ? { name: clerk.name } : {}) },
    openedAt: at,
    updatedAt: at,
  };
  return {
    result: opened,
    change: { windows: [opened], events: [{ kind: 'window-opened', windowId: w.id, windowName: w.name }] },
  };
}

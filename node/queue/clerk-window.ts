import { HallnetError } from '../../sync/index.js';
import type { QueueState } from './queue-state.js';
import type { ServiceWindow } from './service-window.js';

/** The member of staff acting at a window: who they are and whether they are the hall's director. */
export interface QueueActor {
  id: string;
  name?: string | undefined;
  director?: boolean;
}

/** The window a clerk acts at: it must exist, be open, and be open under this clerk. */
export function clerkWindow(state: QueueState, windowId: string, clerk: QueueActor): ServiceWindow {
  const w = state.windows.get(windowId);
  if (!w) throw new HallnetError('ERR_NOT_FOUND', `no window ${windowId}`);
  if (!w.open)
    throw new HallnetError('ERR_WINDOW_CLOSED', `window ${w.name} is not open`, { detail: { window: w.id } });
  if (w.clerk?.id !== clerk.id)
    throw new HallnetError('ERR_WINDOW_NOT_YOURS', `window ${w.name} is open under ${w.clerk?.id ?? 'nobody'}`, {
      detail: { window: w.id },
    });
  return w;
}

import { HallnetError } from '../../sync/index.js';
import { clerkWindow, type QueueActor } from './clerk-window.js';
import { currentAt, type Decision, type QueueContext, type QueueNotice, type QueueState } from './queue-state.js';
import { linesCalledAt, nextFor } from './rank-tickets.js';
import type { ServiceWindow } from './service-window.js';
import { withLog, type Ticket } from './ticket.js';

/** The SMS that calls a resident to a window (silent calling: no loudspeaker). */
export function calledNotice(t: Ticket, w: ServiceWindow, hallName: string): QueueNotice[] {
  return t.phone
    ? [{ phone: t.phone, template: 'queue.called', params: { number: t.number, window: w.name, hall: hallName } }]
    : [];
}

/**
 * The clerk at an open window calls the next ticket for it (due appointments, then the priority
 * lane, then first come); the screen shows it and the resident gets an SMS. Refused while the
 * window still serves someone; answers null when nobody is waiting for it.
 */
export function callNext(
  state: QueueState,
  windowId: string,
  clerk: QueueActor,
  ctx: QueueContext,
): Decision<Ticket | null> {
  const w = clerkWindow(state, windowId, clerk);
  const current = currentAt(state, w.id);
  if (current)
    throw new HallnetError('ERR_WINDOW_STATE', `window ${w.name} is still serving ${current.number}`, {
      detail: { number: current.number },
    });
  // The first of each line it calls from: the rank is one order across lines.
  const next = nextFor(
    linesCalledAt(w).flatMap((line) => state.index.firstIn(line, ctx.now) ?? []),
    w,
    ctx.now,
  );
  if (!next) return { result: null, change: {} };
  const at = ctx.now.toISOString();
  const { target: _target, ...rest } = next;
  const called: Ticket = {
    ...rest,
    state: 'called',
    window: w.id,
    clerk: clerk.id,
    firstCalledAt: next.firstCalledAt ?? at,
    calledAt: at,
    activeSince: at,
    log: withLog(next, 'called', ctx.now, w.id, clerk.id),
  };
  return {
    result: called,
    change: {
      tickets: [called],
      events: [
        { kind: 'called', number: called.number, category: called.category, windowId: w.id, windowName: w.name },
      ],
      notices: calledNotice(called, w, ctx.hallName),
    },
  };
}

import { z } from 'zod';
import { HallnetError } from '../../sync/index.js';
import { calledNotice } from './call-next.js';
import { clerkWindow, type QueueActor } from './clerk-window.js';
import { currentAt, type Decision, type QueueContext, type QueueState, type ScreenEvent } from './queue-state.js';
import { queueIdSchema } from './random-id.js';
import { windowIdSchema } from './service-window.js';
import { msBetween, withLog, type Ticket } from './ticket.js';

/** What a clerk does with the ticket at his window, besides calling the next one. */
export const windowActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recall') }),
  z.object({ kind: z.literal('no-show') }),
  z.object({ kind: z.literal('park') }),
  z.object({ kind: z.literal('finish') }),
  z.object({ kind: z.literal('transfer'), to: windowIdSchema }),
  z.object({ kind: z.literal('resume'), ticketId: queueIdSchema }),
]);
export type WindowAction = z.infer<typeof windowActionSchema>;

/** The serving time so far, once the ticket leaves the window. */
function served(t: Ticket, now: Date): number {
  return t.servingMs + (t.activeSince ? msBetween(t.activeSince, now) : 0);
}

/**
 * Recall (re-announce, no new SMS), no-show (the ticket may be re-issued for a while), transfer
 * to another open window (it goes to that window's line in its old place), park (暂挂: the
 * resident fetches something; the window is free) and resume a parked ticket, finish.
 */
export function windowAction(
  state: QueueState,
  windowId: string,
  clerk: QueueActor,
  action: WindowAction,
  ctx: QueueContext,
): Decision<Ticket> {
  const w = clerkWindow(state, windowId, clerk);
  const now = ctx.now;
  const at = now.toISOString();
  const current = currentAt(state, w.id);
  const screen = (kind: ScreenEvent['kind'], t: Ticket, to = w): Omit<ScreenEvent, 'seq' | 'at'> => ({
    kind,
    number: t.number,
    category: t.category,
    windowId: to.id,
    windowName: to.name,
  });

  if (action.kind === 'resume') {
    if (current)
      throw new HallnetError('ERR_WINDOW_STATE', `window ${w.name} is still serving ${current.number}`, {
        detail: { number: current.number },
      });
    const t = state.tickets.get(action.ticketId);
    if (!t) throw new HallnetError('ERR_NOT_FOUND', `no ticket ${action.ticketId} today`);
    if (t.state !== 'parked') throw new HallnetError('ERR_TICKET_STATE', `${t.number} is ${t.state}, not parked`);
    if (t.window !== w.id && !w.categories.includes(t.category))
      throw new HallnetError(
        'ERR_TICKET_STATE',
        `${t.number} was parked at another window and ${w.name} does not serve its category`,
      );
    const { parkedAt: _p, ...rest } = t;
    const resumed: Ticket = {
      ...rest,
      state: 'called',
      window: w.id,
      clerk: clerk.id,
      calledAt: at,
      activeSince: at,
      log: withLog(t, 'resumed', now, w.id, clerk.id),
    };
    return {
      result: resumed,
      change: {
        tickets: [resumed],
        events: [screen('resumed', resumed)],
        notices: calledNotice(resumed, w, ctx.hallName),
      },
    };
  }

  if (!current) throw new HallnetError('ERR_TICKET_STATE', `window ${w.name} is serving no ticket`);
  const { activeSince: _a, ...idle } = current;
  switch (action.kind) {
    case 'recall': {
      const t: Ticket = {
        ...current,
        recalls: current.recalls + 1,
        log: withLog(current, 'recalled', now, w.id, clerk.id),
      };
      return { result: t, change: { tickets: [t], events: [screen('recalled', t)] } };
    }
    case 'no-show': {
      // The resident never came: the time since the call is not serving time.
      const t: Ticket = {
        ...idle,
        state: 'no-show',
        noShowAt: at,
        log: withLog(current, 'no-show', now, w.id, clerk.id),
      };
      return { result: t, change: { tickets: [t], events: [screen('no-show', t)] } };
    }
    case 'park': {
      const t: Ticket = {
        ...idle,
        state: 'parked',
        parkedAt: at,
        servingMs: served(current, now),
        log: withLog(current, 'parked', now, w.id, clerk.id),
      };
      return { result: t, change: { tickets: [t], events: [screen('parked', t)] } };
    }
    case 'finish': {
      const t: Ticket = {
        ...idle,
        state: 'finished',
        finishedAt: at,
        servingMs: served(current, now),
        log: withLog(current, 'finished', now, w.id, clerk.id),
      };
      return { result: t, change: { tickets: [t], events: [screen('finished', t)] } };
    }
    case 'transfer': {
      if (action.to === w.id)
        throw new HallnetError('ERR_VALIDATION', 'cannot transfer to the same window', {
          issues: [{ field: 'to', reason: '不能转到本窗口' }],
        });
      const to = state.windows.get(action.to);
      if (!to)
        throw new HallnetError('ERR_NOT_FOUND', `no window ${action.to}`, {
          issues: [{ field: 'to', reason: '窗口不存在' }],
        });
      if (!to.open)
        throw new HallnetError('ERR_WINDOW_CLOSED', `window ${to.name} is not open`, {
          issues: [{ field: 'to', reason: '目标窗口未开启' }],
        });
      const { window: _w, clerk: _c, ...waiting } = idle;
      const t: Ticket = {
        ...waiting,
        state: 'waiting',
        target: to.id,
        servingMs: served(current, now),
        log: withLog(current, 'transferred', now, to.id, clerk.id),
      };
      return { result: t, change: { tickets: [t], events: [screen('transferred', t, to)] } };
    }
  }
}

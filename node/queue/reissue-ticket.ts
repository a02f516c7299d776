import { HallnetError } from '../../sync/index.js';
import type { Decision, QueueContext, QueueState } from './queue-state.js';
import { withLog, type Ticket } from './ticket.js';

/**
 * 过号补号: a missed ticket goes back into the line at its old place (it keeps its number and
 * `seq`) instead of queueing again — within `reissueMinutes` of the no-show, `maxReissues` times.
 * A second press while it waits again answers the same ticket.
 */
export function reissueTicket(state: QueueState, ticketId: string, ctx: QueueContext): Decision<Ticket> {
  const t = state.tickets.get(ticketId);
  if (!t) throw new HallnetError('ERR_NOT_FOUND', `no ticket ${ticketId} today`);
  // Pressed twice (the resident and the clerk, or a double tap): it is back in line already.
  if (t.state === 'waiting' && t.log.at(-1)?.kind === 'reissued') return { result: t, change: {} };
  if (t.state !== 'no-show' || !t.noShowAt)
    throw new HallnetError('ERR_TICKET_STATE', `${t.number} is ${t.state}; only a missed ticket is re-issued`);
  if (t.reissues >= ctx.options.maxReissues)
    throw new HallnetError('ERR_TICKET_STATE', `${t.number} was already re-issued ${t.reissues} time(s)`);
  const until = Date.parse(t.noShowAt) + ctx.options.reissueMinutes * 60_000;
  if (ctx.now.getTime() > until) {
    throw new HallnetError(
      'ERR_REISSUE_EXPIRED',
      `${t.number} was missed at ${t.noShowAt}; re-issue closed at ${new Date(until).toISOString()}`,
      {
        detail: { number: t.number, reissueUntil: new Date(until).toISOString() },
      },
    );
  }
  // Back to waiting as if never called: the missed call stays in its log, not as the ticket's 叫号时间.
  const { window: _w, clerk: _c, noShowAt: _n, calledAt: _a, ...rest } = t;
  const back: Ticket = { ...rest, state: 'waiting', reissues: t.reissues + 1, log: withLog(t, 'reissued', ctx.now) };
  return {
    result: back,
    change: { tickets: [back], events: [{ kind: 'reissued', number: back.number, category: back.category }] },
  };
}

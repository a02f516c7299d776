import { estimateWaitMinutes } from './estimate-wait.js';
import { aheadOf, lineOf } from './rank-tickets.js';
import type { QueueContext, QueueState } from './queue-state.js';
import { PRIORITY_REASON_NAMES, TICKET_STATE_NAMES, waitingMs, type Ticket } from './ticket.js';

/**
 * A ticket as its holder and the ticket machine see it: number, state, people ahead, the window
 * it is called to, until when a missed number can be re-issued. No ID number, no phone.
 */
export function ticketView(
  t: Ticket,
  state: QueueState,
  ctx: Pick<QueueContext, 'now' | 'options' | 'hallName' | 'categoryName'>,
) {
  const today = t.day === state.day;
  const w = t.window ? state.windows.get(t.window) : undefined;
  const reissuable = t.state === 'no-show' && t.noShowAt && t.reissues < ctx.options.maxReissues;
  const reissueUntil = reissuable ? new Date(Date.parse(t.noShowAt!) + ctx.options.reissueMinutes * 60_000) : undefined;
  const ahead = today ? (aheadOf(state.index.waitingIn(lineOf(t)), t, ctx.now) ?? null) : null;
  return {
    id: t.id,
    number: t.number,
    hall: ctx.hallName,
    category: t.category,
    categoryName: ctx.categoryName(t.category),
    state: t.state,
    stateName: TICKET_STATE_NAMES[t.state],
    lane: t.lane,
    ...(t.priority ? { priorityName: PRIORITY_REASON_NAMES[t.priority] } : {}),
    ...(t.appointment ? { appointmentSlot: t.appointment.slot } : {}),
    ahead,
    /** 预计等候 in minutes while it waits (an estimate: estimateWaitMinutes). */
    estimatedWaitMinutes: ahead === null ? null : estimateWaitMinutes(state, t.category, ahead),
    window: (t.state === 'called' || t.state === 'parked') && w ? { id: w.id, name: w.name } : null,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt ?? null,
    finishedAt: t.finishedAt ?? null,
    reissueUntil: reissueUntil && reissueUntil > ctx.now && today ? reissueUntil.toISOString() : null,
  };
}
export type TicketView = ReturnType<typeof ticketView>;

/** A ticket as the clerk at the window sees it: with the ID number read at the machine, for the case form. */
export function clerkTicketView(t: Ticket, ctx: Pick<QueueContext, 'categoryName'>) {
  return {
    id: t.id,
    number: t.number,
    category: t.category,
    categoryName: ctx.categoryName(t.category),
    state: t.state,
    lane: t.lane,
    priority: t.priority ?? null,
    appointment: t.appointment ?? null,
    via: t.via,
    idNumber: t.idNumber ?? null,
    phone: t.phone ?? null,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt ?? null,
    waitMs: waitingMs(t) ?? null,
    servingMs: t.servingMs,
    recalls: t.recalls,
    reissues: t.reissues,
    log: t.log,
  };
}

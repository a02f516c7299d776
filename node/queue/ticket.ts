import { z } from 'zod';
import { queueIdSchema } from './random-id.js';

/** Where a ticket stands: waiting in line, called to a window, parked (暂挂) there, missed, or done. */
export const TICKET_STATES = ['waiting', 'called', 'parked', 'no-show', 'finished'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** Chinese names of the ticket states, for the resident's status page and the slip. */
export const TICKET_STATE_NAMES: Record<TicketState, string> = {
  waiting: '等候中',
  called: '请到窗口办理',
  parked: '暂挂',
  'no-show': '已过号',
  finished: '已办结',
};

/** Why someone may use the priority lane (老弱病残孕, military, fire and rescue). */
export const PRIORITY_REASONS = [
  'elderly',
  'disabled',
  'pregnant',
  'sick',
  'military',
  'fire-rescue',
  'other',
] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

/** Chinese names of the priority reasons, as the ticket machine offers them. */
export const PRIORITY_REASON_NAMES: Record<PriorityReason, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  pregnant: '孕妇',
  sick: '伤病人员',
  military: '军人及军属',
  'fire-rescue': '消防救援人员',
  other: '其他优先对象',
};

/** How the ticket machine was told who is queueing. */
export const ISSUE_VIA = ['id-card', 'phone', 'walk-in'] as const;

const iso = z.iso.datetime({ offset: true });

/** One category number of the hall's fifteen (15大类). */
export const categoryNumberSchema = z.number().int().min(1).max(15);

/** An 11-digit mainland mobile number, the one the SMS notices go to. */
export const mobileSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number / 须为 11 位手机号码');

/** One line of a ticket's history: what happened, when, at which window, by whom. */
export const ticketLogSchema = z.object({
  at: iso,
  kind: z.enum(['issued', 'called', 'recalled', 'no-show', 'reissued', 'transferred', 'parked', 'resumed', 'finished']),
  window: z.string().optional(),
  by: z.string().optional(),
});

/**
 * A queue ticket as stored in the node's local queue database. `seq` is its place in the day's
 * line across all categories, kept when a missed ticket is re-issued (过号补号). `servingMs` adds
 * up the time at windows (called to parked, transferred or finished); the wait is issued → first call.
 */
export const ticketSchema = z.object({
  type: z.literal('ticket'),
  id: queueIdSchema,
  day: z.string().regex(/^\d{8}$/),
  number: z.string().regex(/^[A-O]\d{3,}$/),
  category: categoryNumberSchema,
  n: z.number().int().min(1),
  seq: z.number().int().min(1),
  via: z.enum(ISSUE_VIA),
  idNumber: z.string().optional(),
  phone: z.string().optional(),
  lane: z.enum(['normal', 'priority', 'appointment']),
  priority: z.enum(PRIORITY_REASONS).optional(),
  appointment: z.object({ id: z.string(), slot: iso }).optional(),
  state: z.enum(TICKET_STATES),
  issuedAt: iso,
  /** The window a transfer sent it to: only that window calls it. */
  target: z.string().optional(),
  /** The window it is called at, was parked at, or was missed at. */
  window: z.string().optional(),
  clerk: z.string().optional(),
  firstCalledAt: iso.optional(),
  calledAt: iso.optional(),
  activeSince: iso.optional(),
  parkedAt: iso.optional(),
  noShowAt: iso.optional(),
  finishedAt: iso.optional(),
  servingMs: z.number().min(0),
  recalls: z.number().int().min(0),
  reissues: z.number().int().min(0),
  twoAheadSent: z.boolean(),
  log: z.array(ticketLogSchema),
});
export type Ticket = z.infer<typeof ticketSchema>;
export type TicketLogKind = z.infer<typeof ticketLogSchema>['kind'];

/** The ticket with one more line of history. */
export function withLog(t: Ticket, kind: TicketLogKind, at: Date, window?: string, by?: string): Ticket['log'] {
  return [...t.log, { at: at.toISOString(), kind, ...(window ? { window } : {}), ...(by ? { by } : {}) }];
}

/** Milliseconds between two ISO instants. */
export function msBetween(from: string, to: Date): number {
  return Math.max(0, to.getTime() - Date.parse(from));
}

/** How long a ticket waited from issue to its first call, once it has been called. */
export function waitingMs(t: Ticket): number | undefined {
  return t.firstCalledAt ? msBetween(t.issuedAt, new Date(t.firstCalledAt)) : undefined;
}

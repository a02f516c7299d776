import { z } from 'zod';
import { HallnetError, residentIdProblem } from '../../sync/index.js';
import type { Appointment } from './appointment.js';
import type { Decision, QueueContext, QueueState } from './queue-state.js';
import { servedCategories } from './queue-state.js';
import { queueDay } from './queue-day.js';
import { PRIORITY_REASONS, categoryNumberSchema, mobileSchema, type PriorityReason, type Ticket } from './ticket.js';
import { ticketNumber } from './ticket-number.js';
import { queueIdSchema } from './random-id.js';

/** An 18-digit resident ID number whose check digit and birth date are right. */
export const residentIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = residentIdProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem} / 身份证号码无效` });
  });

const common = {
  category: categoryNumberSchema,
  priority: z.enum(PRIORITY_REASONS).optional(),
  appointmentId: queueIdSchema.optional(),
};

/** What the ticket machine sends: a category and who is queueing — by ID card, by phone, or neither. */
export const issueRequestSchema = z.discriminatedUnion('via', [
  z.object({ via: z.literal('id-card'), idNumber: residentIdSchema, phone: mobileSchema.optional(), ...common }),
  z.object({ via: z.literal('phone'), phone: mobileSchema, ...common }),
  z.object({ via: z.literal('walk-in'), ...common }),
]);
export type IssueRequest = z.infer<typeof issueRequestSchema>;

const HELD: ReadonlySet<string> = new Set(['waiting', 'called', 'parked']);

/**
 * Issues a ticket (取号): refused for a category no window serves and for a person already
 * holding a live ticket of the category. A booked appointment of today — named, or found by the
 * ID number or phone — makes it an appointment ticket, unless its holder came too late.
 */
export function issueTicket(state: QueueState, req: IssueRequest, ctx: QueueContext, id: string): Decision<Ticket> {
  if (!servedCategories(state).has(req.category)) {
    throw new HallnetError('ERR_CATEGORY_NOT_SERVED', `no window serves category ${req.category}`, {
      issues: [{ field: 'category', reason: `本大厅不办理第 ${req.category} 类业务` }],
    });
  }
  const idNumber = req.via === 'id-card' ? req.idNumber : undefined;
  const phone = req.via === 'walk-in' ? undefined : req.phone;
  for (const t of state.index.liveOf(req.category)) {
    if (!HELD.has(t.state)) continue;
    if ((idNumber && t.idNumber === idNumber) || (phone && t.phone === phone)) {
      throw new HallnetError('ERR_TICKET_HELD', `already holds ${t.number}`, { detail: { number: t.number } });
    }
  }

  const now = ctx.now;
  const booked = findAppointment(state, req, idNumber, phone, now);
  const late = booked && now.getTime() > Date.parse(booked.slot) + ctx.options.appointmentLateMinutes * 60_000;
  const appointment = booked && !late ? booked : undefined;
  const priority: PriorityReason | undefined =
    req.priority ?? (idNumber && isElderly(idNumber, now, ctx.options.elderlyAge) ? 'elderly' : undefined);

  const n = state.index.lastNumber(req.category);
  const seq = state.index.lastSeq();
  const at = now.toISOString();
  const ticket: Ticket = {
    type: 'ticket',
    id,
    day: queueDay(now),
    number: ticketNumber(req.category, n + 1),
    category: req.category,
    n: n + 1,
    seq: seq + 1,
    via: req.via,
    ...(idNumber ? { idNumber } : {}),
    ...(phone ? { phone } : {}),
    lane: appointment ? 'appointment' : priority ? 'priority' : 'normal',
    ...(priority ? { priority } : {}),
    ...(appointment ? { appointment: { id: appointment.id, slot: appointment.slot } } : {}),
    state: 'waiting',
    issuedAt: at,
    servingMs: 0,
    recalls: 0,
    reissues: 0,
    twoAheadSent: false,
    log: [{ at, kind: 'issued' }],
  };
  const appointments = booked
    ? [{ ...booked, state: late ? ('lapsed' as const) : ('checked-in' as const), ticketId: id }]
    : [];
  return {
    result: ticket,
    change: {
      tickets: [ticket],
      appointments,
      events: [{ kind: 'issued', number: ticket.number, category: ticket.category }],
    },
  };
}

function findAppointment(
  state: QueueState,
  req: IssueRequest,
  idNumber: string | undefined,
  phone: string | undefined,
  now: Date,
): Appointment | undefined {
  const today = queueDay(now);
  if (req.appointmentId) {
    const a = state.appointments.get(req.appointmentId);
    const problem = !a
      ? 'no such appointment'
      : a.state !== 'booked'
        ? `appointment is ${a.state}`
        : a.day !== today
          ? 'appointment is for another day'
          : a.category !== req.category
            ? 'appointment is for another category'
            : undefined;
    if (problem)
      throw new HallnetError('ERR_APPOINTMENT_INVALID', problem, {
        issues: [{ field: 'appointmentId', reason: problem }],
      });
    return a;
  }
  if (!idNumber && !phone) return undefined;
  let found: Appointment | undefined;
  for (const a of state.appointments.values()) {
    if (a.state !== 'booked' || a.day !== today || a.category !== req.category) continue;
    if ((idNumber && a.idNumber === idNumber) || (phone && a.phone === phone)) {
      if (!found || a.slot < found.slot) found = a;
    }
  }
  return found;
}

/** Whether the holder of a resident ID number is at least `age` years old today (0: never). */
export function isElderly(idNumber: string, now: Date, age: number): boolean {
  if (age <= 0) return false;
  const birth = Number(idNumber.slice(6, 14));
  const today = Number(queueDay(now));
  return Math.floor((today - birth) / 10_000) >= age;
}

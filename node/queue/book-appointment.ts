import { z } from 'zod';
import { HallnetError } from '../../sync/index.js';
import type { Appointment } from './appointment.js';
import { residentIdSchema } from './issue-ticket.js';
import { servedCategories, type Decision, type QueueContext, type QueueState } from './queue-state.js';
import { queueDay } from './queue-day.js';
import { categoryNumberSchema, mobileSchema } from './ticket.js';

/** The fields of a booking, each checked; a resident's own ID number and phone come from his token. */
export const bookingFieldsSchema = z.object({
  category: categoryNumberSchema,
  slot: z.iso.datetime({ offset: true }),
  idNumber: residentIdSchema.optional(),
  phone: mobileSchema.optional(),
});

/** An appointment as booked: category, time, and the ID number or phone the ticket machine will know it by. */
export const bookingRequestSchema = bookingFieldsSchema.refine((b) => b.idNumber || b.phone, { message: 'an ID number or a phone is needed / 须提供身份证号码或手机号码', path: ['phone'] });
export type BookingRequest = z.infer<typeof bookingRequestSchema>;

/**
 * Books an appointment (预约) for a category this hall serves, at a time after now and within
 * `bookingDays`; one live booking per person, category and day.
 */
export function bookAppointment(state: QueueState, req: BookingRequest, bookedBy: string, ctx: QueueContext, id: (day: string) => string): Decision<Appointment> {
  if (!servedCategories(state).has(req.category)) {
    throw new HallnetError('ERR_CATEGORY_NOT_SERVED', `no window serves category ${req.category}`, { issues: [{ field: 'category', reason: `本大厅不办理第 ${req.category} 类业务` }] });
  }
  const slot = Date.parse(req.slot);
  const now = ctx.now.getTime();
  if (slot <= now || slot > now + ctx.options.bookingDays * 86_400_000) {
    throw new HallnetError('ERR_VALIDATION', 'slot out of range', { issues: [{ field: 'slot', reason: `须在现在之后 ${ctx.options.bookingDays} 天以内 / must be after now and within ${ctx.options.bookingDays} days` }] });
  }
  const day = queueDay(new Date(slot));
  for (const a of state.appointments.values()) {
    if (a.state === 'booked' && a.day === day && a.category === req.category && ((req.idNumber && a.idNumber === req.idNumber) || (req.phone && a.phone === req.phone))) {
      throw new HallnetError('ERR_APPOINTMENT_INVALID', 'already booked for this category that day', { detail: { appointmentId: a.id } });
    }
  }
  const appointment: Appointment = {
    type: 'appointment',
    id: id(day),
    day,
    category: req.category,
    slot: new Date(slot).toISOString(),
    ...(req.idNumber ? { idNumber: req.idNumber } : {}),
    ...(req.phone ? { phone: req.phone } : {}),
    state: 'booked',
    bookedAt: ctx.now.toISOString(),
    bookedBy,
  };
  return { result: appointment, change: { appointments: [appointment] } };
}


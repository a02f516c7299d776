import { z } from 'zod';
import { HallnetError } from '../../sync/index.js';
import type { Appointment } from './appointment.js';
import { residentIdSchema } from './issue-ticket.js';
import { servedCategories, type Decision, type QueueContext, type QueueState } from './queue-state.js';
import { queueDay } from './queue-day.js';
import { bookedIn, slotCapacity, slotStart, withinBookingHours } from './booking-slots.js';
import { categoryNumberSchema, mobileSchema } from './ticket.js';

/** The fields of a booking, each checked; a resident's own ID number and phone come from his token. */
export const bookingFieldsSchema = z.object({
  category: categoryNumberSchema,
  /** The matter to be handled; a resident names one (it must be bookable here), a clerk may book a category only. */
  matterCode: z.string().min(1).max(50).optional(),
  slot: z.iso.datetime({ offset: true }),
  idNumber: residentIdSchema.optional(),
  phone: mobileSchema.optional(),
});

/** An appointment as booked: category, time, the matter when one was chosen, and the ID number or phone the ticket machine will know it by. */
export const bookingRequestSchema = bookingFieldsSchema
  .extend({ matterName: z.string().max(100).optional() })
  .refine((b) => b.idNumber || b.phone, {
    message: 'an ID number or a phone is needed / 须提供身份证号码或手机号码',
    path: ['phone'],
  });
export type BookingRequest = z.infer<typeof bookingRequestSchema>;

/**
 * Books an appointment (预约) for a category this hall serves, at a time after now, within
 * `bookingDays`, in a slot not yet full (its capacity grows with the windows set up for the
 * category); one live booking per person, category and day. A resident books one of the
 * `published` slots (booking hours, slot starts); a clerk may book a caller at the time agreed.
 */
export function bookAppointment(
  state: QueueState,
  req: BookingRequest,
  bookedBy: string,
  ctx: QueueContext,
  id: (day: string) => string,
  published: boolean,
): Decision<Appointment> {
  if (!servedCategories(state).has(req.category)) {
    throw new HallnetError('ERR_CATEGORY_NOT_SERVED', `no window serves category ${req.category}`, {
      issues: [{ field: 'category', reason: `本大厅不办理第 ${req.category} 类业务` }],
    });
  }
  const slot = Date.parse(req.slot);
  const now = ctx.now.getTime();
  if (slot <= now || slot > now + ctx.options.bookingDays * 86_400_000) {
    throw new HallnetError('ERR_VALIDATION', 'slot out of range', {
      issues: [
        {
          field: 'slot',
          reason: `must be after now and within ${ctx.options.bookingDays} days / 须在现在之后 ${ctx.options.bookingDays} 天以内`,
        },
      ],
    });
  }
  const start = slotStart(slot, ctx.options.slotMinutes);
  if (published && (start !== slot || !withinBookingHours(slot, ctx))) {
    const { bookingOpensHour: from, bookingClosesHour: to, slotMinutes } = ctx.options;
    throw new HallnetError('ERR_VALIDATION', 'not a published slot', {
      issues: [
        {
          field: 'slot',
          reason: `choose a published slot / 请选择 ${from}:00 至 ${to}:00 之间每 ${slotMinutes} 分钟一个的预约时段`,
        },
      ],
    });
  }
  if (bookedIn(state, req.category, start, ctx) >= slotCapacity(state, req.category, ctx)) {
    throw new HallnetError(
      'ERR_SLOT_FULL',
      `slot ${new Date(start).toISOString()} of category ${req.category} is full`,
      { issues: [{ field: 'slot', reason: '该时段已约满，请选择其他时段' }] },
    );
  }
  const day = queueDay(new Date(slot));
  for (const a of state.appointments.values()) {
    if (
      a.state === 'booked' &&
      a.day === day &&
      a.category === req.category &&
      ((req.idNumber && a.idNumber === req.idNumber) || (req.phone && a.phone === req.phone))
    ) {
      throw new HallnetError('ERR_APPOINTMENT_EXISTS', 'already booked for this category that day', {
        detail: { appointmentId: a.id },
      });
    }
  }
  const appointment: Appointment = {
    type: 'appointment',
    id: id(day),
    day,
    category: req.category,
    ...(req.matterCode ? { matterCode: req.matterCode, matterName: req.matterName ?? req.matterCode } : {}),
    slot: new Date(slot).toISOString(),
    ...(req.idNumber ? { idNumber: req.idNumber } : {}),
    ...(req.phone ? { phone: req.phone } : {}),
    state: 'booked',
    bookedAt: ctx.now.toISOString(),
    bookedBy,
  };
  return { result: appointment, change: { appointments: [appointment] } };
}

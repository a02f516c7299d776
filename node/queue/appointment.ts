import { z } from 'zod';
import { queueIdSchema } from './random-id.js';
import { categoryNumberSchema } from './ticket.js';

/**
 * An appointment (预约) for a category at a time. At the ticket machine it becomes a ticket that
 * is called before everyone else once its time has come; arriving too late voids it.
 */
export const appointmentSchema = z.object({
  type: z.literal('appointment'),
  id: queueIdSchema,
  day: z.string().regex(/^\d{8}$/),
  category: categoryNumberSchema,
  /** The matter booked for, when the resident chose one (a clerk booking for a caller may book a category only). */
  matterCode: z.string().max(50).optional(),
  matterName: z.string().max(100).optional(),
  slot: z.iso.datetime({ offset: true }),
  idNumber: z.string().optional(),
  phone: z.string().optional(),
  state: z.enum(['booked', 'checked-in', 'lapsed', 'cancelled']),
  ticketId: z.string().optional(),
  bookedAt: z.iso.datetime({ offset: true }),
  bookedBy: z.string(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';

const iso = z.iso.datetime({ offset: true });

/** Where a booking stands: asked for at a portal, decided by its hall (booked or refused), checked in at its kiosk, or cancelled. */
export const BOOKING_STATES = ['requested', 'booked', 'refused', 'checked-in', 'cancelled'] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

/**
 * The resident a booking is for: his account (the author is `resident:<account>`), name, ID number
 * and phone from his token. The ID number and phone are gone once the booking is erased.
 */
export const bookingResidentSchema = z
  .object({
    account: z.string().min(1).max(100),
    name: z.string().min(1).max(100),
    idNumber: z.string().min(1).max(40).optional(),
    phone: z
      .string()
      .regex(/^1\d{10}$/)
      .optional(),
  })
  .strict();

/**
 * The district's keeping of a booking's ID number and phone: this many days after its slot the hall
 * it is for erases them (as halls erase their tickets' and appointments' after `personalDataDays`,
 * 30 by default), and the write rule admits that erasure no earlier.
 */
export const BOOKING_PERSONAL_DATA_DAYS = 30;

/** The first instant a booking's ID number and phone may be erased: its slot plus the district's keeping. */
export const bookingErasableFrom = (slot: string): number => Date.parse(slot) + BOOKING_PERSONAL_DATA_DAYS * 86_400_000;

/**
 * 预约 at another hall: a resident's request for an appointment at a hall, for a matter at a time
 * slot. The hall whose portal he used writes it (its scope) in his name (its author) and the hall
 * where the appointment is decides it (`hall`): booked into its own queue, within the slot's
 * capacity, or refused with the reason. It goes to both halls (its parties), so a resident books
 * any hall of the district from any portal and the hall alone keeps count of its slots, offline
 * or not.
 */
export const bookingDocSchema = envelopeSchema.extend({
  type: z.literal('booking'),
  hall: orgPathSchema,
  matterCode: z.string().min(1).max(50),
  matterName: z.string().min(1).max(100),
  category: z.number().int().min(1).max(15),
  slot: iso,
  resident: bookingResidentSchema,
  state: z.enum(BOOKING_STATES),
  /** Why the hall refused (Chinese, shown to the resident): full, not served, not bookable there. */
  reason: z.string().min(1).max(200).optional(),
  /** The hall's appointment id once booked: the ticket machine finds it by the resident's ID or phone, or by this. */
  appointmentId: z.string().max(40).optional(),
  decidedAt: iso.optional(),
  /** When the resident checked in at the hall's kiosk (the appointment became a ticket). */
  checkedInAt: iso.optional(),
  cancelledAt: iso.optional(),
  /** When the hall it is for erased the resident's ID number and phone, past the district's keeping. */
  erasedAt: iso.optional(),
});
export type BookingDoc = z.infer<typeof bookingDocSchema>;

/** A booking's document id. */
export const bookingDocId = (id: string) => `booking:${id}`;

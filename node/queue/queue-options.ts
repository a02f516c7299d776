import { z } from 'zod';

/** The hall's queue rules, each with the default a hall gets unless its director sets otherwise. */
export const queueOptionsSchema = z.object({
  /** How long after a no-show the ticket may be re-issued into its old place (过号补号). */
  reissueMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  /** How many times one ticket may be re-issued. */
  maxReissues: z.number().int().min(0).max(10).default(1),
  /** The "soon your turn" SMS goes once the number of people ahead is at most this. */
  twoAhead: z.number().int().min(0).max(20).default(2),
  /** An appointment still counts when its holder arrives up to this long after the booked time. */
  appointmentLateMinutes: z.number().int().min(0).max(240).default(15),
  /** How far ahead an appointment may be booked. */
  bookingDays: z.number().int().min(1).max(90).default(14),
  /** Appointments are booked in slots of this many minutes, from `bookingOpensHour` to `bookingClosesHour` (Beijing time). */
  slotMinutes: z.number().int().min(5).max(240).default(30),
  bookingOpensHour: z.number().int().min(0).max(23).default(9),
  bookingClosesHour: z.number().int().min(1).max(24).default(17),
  /**
   * How many appointments one window takes in one slot: a slot of a category holds this many for
   * each window set up for the category, so booked residents are not kept waiting by each other.
   */
  slotCapacityPerWindow: z.number().int().min(1).max(20).default(2),
  /** From this age (read from the ID card) a resident goes to the priority lane unasked; 0 turns it off. */
  elderlyAge: z.number().int().min(0).max(120).default(65),
  /**
   * How many days a ticket's and an appointment's ID number and phone are kept (then erased; the
   * ticket's counts and times stay, and the daily queue summary never had them): long enough for a
   * visit's rating (7 days by default) and a bad one's follow-up (5 working days), or a complaint
   * about the visit — not for anything else.
   */
  personalDataDays: z.number().int().min(1).max(365).default(30),
  /** How many recent calls the calling screen lists. */
  recentCalls: z.number().int().min(1).max(50).default(10),
  /** Tickets one ticket machine (one address) may issue in a minute: a script at a kiosk cannot empty the day's numbers. */
  ticketsPerKioskPerMinute: z.number().int().min(1).max(100_000).default(12),
  /** Tickets of one category the hall issues in a minute, from every machine together. */
  ticketsPerCategoryPerMinute: z.number().int().min(1).max(100_000).default(30),
});
export type QueueOptions = z.infer<typeof queueOptionsSchema>;

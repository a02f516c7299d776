import type { Appointment } from './appointment.js';
import type { QueueContext, QueueState } from './queue-state.js';

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const LIVE: ReadonlySet<Appointment['state']> = new Set(['booked', 'checked-in']);

/** One bookable slot of a category on a day: when it starts, how many it takes, how many are booked. */
export interface BookingSlot {
  slot: string;
  capacity: number;
  booked: number;
}

/** The start of the slot holding `at` (slots are counted from Beijing midnight), as epoch ms. */
export function slotStart(at: number, slotMinutes: number): number {
  const ms = slotMinutes * 60_000;
  return Math.floor((at + BEIJING_OFFSET_MS) / ms) * ms - BEIJING_OFFSET_MS;
}

/** `at`'s minute of the Beijing day. */
function minuteOfDay(at: number): number {
  return Math.floor(((at + BEIJING_OFFSET_MS) % 86_400_000) / 60_000);
}

/** Whether `at` lies within the hall's booking hours. */
export function withinBookingHours(at: number, ctx: QueueContext): boolean {
  const m = minuteOfDay(at);
  return m >= ctx.options.bookingOpensHour * 60 && m < ctx.options.bookingClosesHour * 60;
}

/** How many appointments a slot of `category` takes: the per-window capacity for each window set up for it. */
export function slotCapacity(state: QueueState, category: number, ctx: QueueContext): number {
  let windows = 0;
  for (const w of state.windows.values()) if (w.categories.includes(category)) windows++;
  return windows * ctx.options.slotCapacityPerWindow;
}

/** How many live appointments (booked or checked in) the slot starting at `start` holds for `category`. */
export function bookedIn(state: QueueState, category: number, start: number, ctx: QueueContext): number {
  let n = 0;
  for (const a of state.appointments.values()) {
    if (
      a.category === category &&
      LIVE.has(a.state) &&
      slotStart(Date.parse(a.slot), ctx.options.slotMinutes) === start
    )
      n++;
  }
  return n;
}

/** A date's (`YYYY-MM-DD`, Beijing) published slot starts still ahead of `now`, as epoch ms. */
export function publishedSlots(date: string, options: QueueContext['options'], now: Date): number[] {
  const { slotMinutes, bookingOpensHour, bookingClosesHour } = options;
  const midnight = Date.parse(`${date}T00:00:00+08:00`);
  const starts: number[] = [];
  for (let m = bookingOpensHour * 60; m + slotMinutes <= bookingClosesHour * 60; m += slotMinutes) {
    const start = midnight + m * 60_000;
    if (start > now.getTime()) starts.push(start);
  }
  return starts;
}

/** A date's (`YYYY-MM-DD`, Beijing) slots of `category` still ahead of now, with their capacity and bookings. */
export function bookingSlots(state: QueueState, category: number, date: string, ctx: QueueContext): BookingSlot[] {
  const capacity = slotCapacity(state, category, ctx);
  return publishedSlots(date, ctx.options, ctx.now).map((start) => ({
    slot: beijingIso(start),
    capacity,
    booked: bookedIn(state, category, start, ctx),
  }));
}

/** An instant as `2026-11-24T09:30:00+08:00`, the way a resident reads it. */
export function beijingIso(at: number): string {
  return `${new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

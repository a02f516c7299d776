import type { BookingDoc } from './booking.js';
import type { NoticeTemplate } from './notice-templates.js';

/** The id of the SMS telling a resident how the hall decided his booking: one per booking. */
export const bookingNoticeId = (bookingId: string) => `notice:${bookingId}:decided`;

/** A booking's slot as the SMS says it, in Beijing time (worked out by hand so every node writes the same). */
export function bookingSlotText(slot: string): string {
  const t = new Date(Date.parse(slot) + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

/**
 * The SMS a decided booking calls for, sent by the hall that decided it: admitted (with the slot)
 * or refused (with the hall's reason); undefined while it is undecided. A booking cancelled or
 * checked in after it was admitted still called for the admission's SMS.
 */
export function bookingNotice(
  b: Pick<BookingDoc, 'matterName' | 'slot' | 'state' | 'reason' | 'decidedAt' | 'appointmentId'>,
): { template: NoticeTemplate; params: Record<string, string> } | undefined {
  if (!b.decidedAt) return undefined;
  const base = { matter: b.matterName, slot: bookingSlotText(b.slot) };
  if (b.state === 'refused' && b.reason) return { template: 'booking.refused', params: { ...base, reason: b.reason } };
  if (b.appointmentId && b.state !== 'refused') return { template: 'booking.admitted', params: base };
  return undefined;
}

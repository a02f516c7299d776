import { headsOfLines } from './rank-tickets.js';
import type { QueueNotice } from './queue-state.js';
import type { Ticket } from './ticket.js';

/**
 * The "soon your turn" SMS due after a change: every waiting ticket with a phone that now has at
 * most `threshold` people ahead and has not been told yet. The tickets come back marked, and the
 * mark is written with the change, so each ticket gets this SMS once, even across restarts.
 */
export function twoAheadNotices(
  tickets: Iterable<Ticket>,
  now: Date,
  threshold: number,
  text: { hallName: string; categoryName(category: number): string },
): { marked: Ticket[]; notices: QueueNotice[] } {
  const marked: Ticket[] = [];
  const notices: QueueNotice[] = [];
  for (const head of headsOfLines(tickets, now, threshold + 1).values()) {
    head.forEach((t, ahead) => {
      if (t.twoAheadSent || !t.phone) return;
      marked.push({ ...t, twoAheadSent: true });
      notices.push({
        phone: t.phone,
        template: 'queue.two-ahead',
        params: {
          number: t.number,
          ahead: String(ahead),
          category: text.categoryName(t.category),
          hall: text.hallName,
        },
      });
    });
  }
  return { marked, notices };
}

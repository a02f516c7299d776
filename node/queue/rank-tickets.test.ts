import { describe, expect, it } from 'vitest';
import { aheadOf, headsOfLines, nextFor, rankTickets } from './rank-tickets.js';
import type { ServiceWindow } from './service-window.js';
import type { Ticket } from './ticket.js';

const NOW = new Date('2026-11-23T02:00:00Z');

function ticket(seq: number, extra: Partial<Ticket> = {}): Ticket {
  return {
    type: 'ticket',
    id: `20261123-${String(seq).padStart(10, '0')}`,
    day: '20261123',
    number: `A${String(seq).padStart(3, '0')}`,
    category: 1,
    n: seq,
    seq,
    via: 'walk-in',
    lane: 'normal',
    state: 'waiting',
    issuedAt: NOW.toISOString(),
    servingMs: 0,
    recalls: 0,
    reissues: 0,
    twoAheadSent: false,
    log: [],
    ...extra,
  };
}

const w1: ServiceWindow = {
  type: 'window',
  id: 'w1',
  name: '1号窗口',
  categories: [1],
  open: true,
  updatedAt: NOW.toISOString(),
};

describe('calling order', () => {
  it('orders due appointments by booked time, then priority, then place; a future appointment by place', () => {
    const tickets = [
      ticket(1),
      ticket(2, { lane: 'priority', priority: 'disabled' }),
      ticket(3, { lane: 'appointment', appointment: { id: 'a', slot: '2026-11-23T01:50:00.000Z' } }),
      ticket(4, { lane: 'appointment', appointment: { id: 'b', slot: '2026-11-23T01:40:00.000Z' } }),
      ticket(5, { lane: 'appointment', appointment: { id: 'c', slot: '2026-11-23T03:00:00.000Z' } }),
      ticket(0, { state: 'called' }),
    ];
    const order = tickets
      .filter((t) => t.state === 'waiting')
      .sort(rankTickets(NOW))
      .map((t) => t.seq);
    expect(order).toEqual([4, 3, 2, 1, 5]);
    expect(nextFor(tickets, w1, NOW)?.seq).toBe(4);
    expect(aheadOf(tickets, tickets[0]!, NOW)).toBe(3);
    expect(aheadOf(tickets, tickets[5]!, NOW)).toBeUndefined();
    expect(
      headsOfLines(tickets, NOW, 3)
        .get('category:1')!
        .map((t) => t.seq),
    ).toEqual([4, 3, 2]);
    expect(
      headsOfLines([...tickets].reverse(), NOW, 10)
        .get('category:1')!
        .map((t) => t.seq),
    ).toEqual(order);
  });

  it('gives a transferred ticket only to its window, in a line of its own', () => {
    const moved = ticket(1, { target: 'w2' });
    const tickets = [moved, ticket(2)];
    expect(nextFor(tickets, w1, NOW)?.seq).toBe(2);
    expect(nextFor(tickets, { ...w1, id: 'w2', categories: [9] }, NOW)?.seq).toBe(1);
    expect(aheadOf(tickets, tickets[1]!, NOW)).toBe(0);
  });
});

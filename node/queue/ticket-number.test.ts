import { describe, expect, it } from 'vitest';
import { queueDay } from './queue-day.js';
import { categoryLetter, ticketNumber } from './ticket-number.js';

describe('ticket numbers', () => {
  it('gives each of the 15 categories its letter and pads the count to three digits', () => {
    expect(ticketNumber(1, 1)).toBe('A001');
    expect(ticketNumber(15, 42)).toBe('O042');
    expect(ticketNumber(3, 1000)).toBe('C1000');
    expect(() => categoryLetter(16)).toThrow(RangeError);
  });

  it('counts days in Beijing time: 23:59 and 00:00 there are different days', () => {
    expect(queueDay(new Date('2026-11-23T15:59:59Z'))).toBe('20261123');
    expect(queueDay(new Date('2026-11-23T16:00:00Z'))).toBe('20261124');
  });
});

import { describe, expect, it } from 'vitest';
import type { Held } from '../../sync/index.js';
import { caseworkTimes } from './casework-times.js';

const DAY = 86_400_000;
const NOW = new Date('2027-03-01T02:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * DAY).toISOString();
const event = (id: string, at: string, kind = 'material-received') => ({ id, at, kind });
const heldCase = (events: object[]): Held => ({
  leaves: [{ rev: '1-a', deleted: false, body: { type: 'case', events } }],
  knownRevs: new Set(['1-a']),
});
const times = (doc: Record<string, unknown>, held?: Held, offlineDays?: number) =>
  caseworkTimes(doc, held, NOW, offlineDays).map((d) => d.toISOString());

describe('caseworkTimes: when a revision did its casework, as the hub believes it', () => {
  it('gives each event new to the hub its own time, never before the events it follows', () => {
    const held = heldCase([event('a', day(-30), 'accepted')]);
    const doc = {
      type: 'case',
      _rev: '2-b',
      events: [event('a', day(-30), 'accepted'), event('b', day(-20)), event('c', day(-25))],
    };
    // c claims a moment before b, which it follows: it is judged at b's.
    expect(times(doc, held)).toEqual([day(-20), day(-20)]);
  });

  it('believes no moment later than now, nor earlier than the offline bound', () => {
    expect(times({ type: 'case', events: [event('a', day(5), 'accepted')] })).toEqual([NOW.toISOString()]);
    expect(times({ type: 'case', events: [event('a', day(-200), 'accepted')] }, undefined, 90)).toEqual([day(-90)]);
    expect(times({ type: 'resident', at: day(-10) })).toEqual([day(-10)]);
    expect(times({ type: 'material', at: day(-400) }, undefined, 30)).toEqual([day(-30)]);
  });

  it("asks nothing of the deadline's own marker, of notices and ratings, of a revision stored already, or of a tombstone", () => {
    const held = heldCase([event('a', day(-30), 'accepted')]);
    expect(
      times(
        {
          type: 'case',
          _rev: '2-b',
          events: [event('a', day(-30), 'accepted'), event('m', day(-1), 'make-up-overdue')],
        },
        held,
      ),
    ).toEqual([]);
    expect(times({ type: 'notice', at: day(-1) })).toEqual([]);
    expect(times({ type: 'rating', at: day(-1) })).toEqual([]);
    expect(times({ type: 'resident', _rev: '1-a', at: day(-1) }, heldCase([]))).toEqual([]);
    expect(times({ _deleted: true, _rev: '3-c' }, held)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { categoryLine, lineOf, rankTickets } from './rank-tickets.js';
import { TicketIndex } from './ticket-index.js';
import type { Ticket } from './ticket.js';

const AT = '2026-11-23T02:00:00.000Z';
const NOW = new Date('2026-11-23T02:10:00.000Z');
const STATES = ['waiting', 'called', 'parked', 'no-show', 'finished'] as const;

function ticket(seq: number, category: number): Ticket {
  return {
    type: 'ticket',
    id: `20261123-${String(seq).padStart(10, '0')}`,
    day: '20261123',
    number: `A${String(seq).padStart(3, '0')}`,
    category,
    n: seq,
    seq,
    via: 'walk-in',
    lane: 'normal',
    state: 'waiting',
    issuedAt: AT,
    servingMs: 0,
    recalls: 0,
    reissues: 0,
    twoAheadSent: false,
    log: [],
  };
}

/** What the index must answer, read off every ticket of the day the slow way. */
function scanned(tickets: Iterable<Ticket>) {
  const all = [...tickets];
  const ids = (ts: Ticket[]) => ts.map((t) => t.id).sort();
  const finished = all.filter((t) => t.state === 'finished' && t.servingMs > 0);
  return {
    lines: Object.fromEntries(
      [...new Set(all.filter((t) => t.state === 'waiting').map(lineOf))]
        .sort()
        .map((l) => [l, ids(all.filter((t) => t.state === 'waiting' && lineOf(t) === l))]),
    ),
    live: [1, 2, 3].map((c) =>
      ids(all.filter((t) => t.category === c && ['waiting', 'called', 'parked'].includes(t.state))),
    ),
    // A window serves one ticket at a time; this walk may call several there, any of which the index may answer.
    called: ['w1', 'w2'].map((w) => ids(all.filter((t) => t.state === 'called' && t.window === w))),
    parked: ['w1', 'w2'].map((w) => ids(all.filter((t) => t.state === 'parked' && t.window === w))),
    lastN: [1, 2, 3].map((c) => Math.max(0, ...all.filter((t) => t.category === c).map((t) => t.n))),
    lastSeq: Math.max(0, ...all.map((t) => t.seq)),
    served: [1, 2, 3].map((c) => {
      const mine = finished.filter((t) => t.category === c);
      return { count: mine.length, ms: mine.reduce((a, t) => a + t.servingMs, 0) };
    }),
    servedAll: { count: finished.length, ms: finished.reduce((a, t) => a + t.servingMs, 0) },
    appointmentLines: [
      ...new Set(all.filter((t) => t.state === 'waiting' && t.appointment).map((t) => lineOf(t))),
    ].sort(),
    firsts: Object.fromEntries(
      [...new Set(all.filter((t) => t.state === 'waiting').map(lineOf))]
        .sort()
        .map((l) => [l, all.filter((t) => t.state === 'waiting' && lineOf(t) === l).sort(rankTickets(NOW))[0]!.id]),
    ),
  };
}

function answered(index: TicketIndex) {
  const ids = (ts: Iterable<Ticket>) => [...ts].map((t) => t.id).sort();
  return {
    lines: Object.fromEntries(
      [...index.lines()]
        .filter((l) => [...index.waitingIn(l)].length)
        .sort()
        .map((l) => [l, ids(index.waitingIn(l))]),
    ),
    live: [1, 2, 3].map((c) => ids(index.liveOf(c))),
    called: ['w1', 'w2'].map((w) => {
      // When the index answers a ticket called there, every ticket called there is listed, as the scan lists them.
      const t = index.calledAt(w);
      const calledHere = (o: Ticket) => o.state === 'called' && o.window === w;
      return t && calledHere(t) ? ids([1, 2, 3].flatMap((c) => [...index.liveOf(c)]).filter(calledHere)) : [];
    }),
    parked: ['w1', 'w2'].map((w) => ids(index.parkedAt(w))),
    lastN: [1, 2, 3].map((c) => index.lastNumber(c)),
    lastSeq: index.lastSeq(),
    served: [1, 2, 3].map((c) => index.servedOf(c)),
    servedAll: index.servedOf(),
    appointmentLines: [...index.linesWithAppointments()].sort(),
    firsts: Object.fromEntries(
      [...index.lines()]
        .filter((l) => index.firstIn(l, NOW))
        .sort()
        .map((l) => [l, index.firstIn(l, NOW)!.id]),
    ),
  };
}

describe('the ticket index', () => {
  it('answers what a scan of the whole day answers, through every change, and a fork leaves its source as it was', () => {
    // A fixed pseudo-random walk: tickets issued, called, parked, transferred, missed, finished, re-issued.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const day = new Map<string, Ticket>();
    let index = TicketIndex.of([]);
    let seq = 0;
    for (let step = 0; step < 600; step++) {
      const fork = index.fork();
      const before = answered(index);
      const batch = new Map(day);
      for (let k = 0; k < 1 + random(4); k++) {
        const old = [...batch.values()][random(batch.size + 3)];
        let t: Ticket;
        if (!old) {
          t = ticket(++seq, 1 + random(3));
          if (random(4) === 0) t = { ...t, lane: 'priority', priority: 'military' };
          // Appointments due already and still to come, in category 3 only: the other lines' order never changes with the time.
          const slot = random(2) ? AT : '2026-11-23T03:00:00.000Z';
          if (t.category === 3 && random(2) === 0)
            t = { ...t, lane: 'appointment', appointment: { id: `a${seq}`, slot } };
        } else {
          const state = STATES[random(STATES.length)]!;
          const window = random(2) ? 'w1' : 'w2';
          t = { ...old, state, window, servingMs: random(3) * 60_000 };
          if (state === 'waiting' && random(3) === 0) t = { ...t, target: window };
          else delete t.target;
        }
        fork.put(batch.get(t.id), t);
        batch.set(t.id, t);
        // Read between the changes of one batch too, as its later actions decide on the earlier ones'.
        expect(answered(fork)).toEqual(scanned(batch.values()));
      }
      // The source is untouched by its fork's changes; a fork dropped (a failed write) changes nothing.
      expect(answered(index)).toEqual(before);
      expect(answered(fork)).toEqual(scanned(batch.values()));
      if (random(5) === 0) continue;
      index = fork;
      for (const [id, t] of batch) day.set(id, t);
    }
    expect(answered(TicketIndex.of(day.values()))).toEqual(scanned(day.values()));
    expect([...index.waitingIn(categoryLine(9))]).toEqual([]);
  });
});

import type { ServiceWindow } from './service-window.js';
import type { Ticket } from './ticket.js';

/** 0 for an appointment whose time has come, 1 for the priority lane, 2 for everyone else. */
function rankClass(t: Ticket, now: number): 0 | 1 | 2 {
  if (t.appointment && Date.parse(t.appointment.slot) <= now) return 0;
  if (t.priority) return 1;
  return 2;
}

/**
 * The order in which waiting tickets are called: appointments whose time has come (earliest
 * booked time first), then the priority lane, then everyone else; within each, by place in the
 * day's line. An appointment not yet due waits by its place like anyone else.
 */
export function rankTickets(now: Date): (a: Ticket, b: Ticket) => number {
  const t = now.getTime();
  return (a, b) => {
    const ca = rankClass(a, t);
    const cb = rankClass(b, t);
    if (ca !== cb) return ca - cb;
    if (ca === 0) {
      const d = Date.parse(a.appointment!.slot) - Date.parse(b.appointment!.slot);
      if (d !== 0) return d;
    }
    return a.seq - b.seq;
  };
}

/** Whether a window calls this ticket: one transferred to it, or one of its categories not sent elsewhere. */
export function callableAt(t: Ticket, w: ServiceWindow): boolean {
  if (t.state !== 'waiting') return false;
  return t.target ? t.target === w.id : w.categories.includes(t.category);
}

/** The ticket a window calls next, if anyone is waiting for it. */
export function nextFor(tickets: Iterable<Ticket>, w: ServiceWindow, now: Date): Ticket | undefined {
  return firstInOrder(callableOf(tickets, w), now);
}

function* callableOf(tickets: Iterable<Ticket>, w: ServiceWindow): Generator<Ticket> {
  for (const t of tickets) if (callableAt(t, w)) yield t;
}

/** The first of these tickets in calling order (rankTickets), if any. */
export function firstInOrder(tickets: Iterable<Ticket>, now: Date): Ticket | undefined {
  const cmp = rankTickets(now);
  let best: Ticket | undefined;
  for (const t of tickets) if (!best || cmp(t, best) < 0) best = t;
  return best;
}

/**
 * The line a waiting ticket stands in: its category's, or the window's it was transferred to.
 * Windows serving several categories make "people ahead" an estimate; the line is what a
 * resident can be told.
 */
export function lineOf(t: Ticket): string {
  return t.target ? windowLine(t.target) : categoryLine(t.category);
}

/** The line of a category's tickets (see lineOf). */
export function categoryLine(category: number): string {
  return `category:${category}`;
}

/** The line of the tickets transferred to one window (see lineOf). */
export function windowLine(windowId: string): string {
  return `window:${windowId}`;
}

/** The lines a window calls from: its categories' and its own (see callableAt). */
export function linesCalledAt(w: ServiceWindow): string[] {
  return [...w.categories.map(categoryLine), windowLine(w.id)];
}

/**
 * The first `size` tickets of every waiting line, each in calling order. One pass with a short
 * insertion list per line rather than sorting whole lines: it runs after every action.
 */
export function headsOfLines(tickets: Iterable<Ticket>, now: Date, size: number): Map<string, Ticket[]> {
  const cmp = rankTickets(now);
  const heads = new Map<string, Ticket[]>();
  if (size <= 0) return heads;
  for (const t of tickets) {
    if (t.state !== 'waiting') continue;
    const key = lineOf(t);
    let head = heads.get(key);
    if (!head) heads.set(key, (head = []));
    if (head.length === size && cmp(t, head[size - 1]!) >= 0) continue;
    let at = head.length;
    while (at > 0 && cmp(t, head[at - 1]!) < 0) at--;
    head.splice(at, 0, t);
    if (head.length > size) head.pop();
  }
  return heads;
}

/** How many people are ahead of a waiting ticket in its line, or undefined when it is not waiting. */
export function aheadOf(tickets: Iterable<Ticket>, t: Ticket, now: Date): number | undefined {
  if (t.state !== 'waiting') return undefined;
  const cmp = rankTickets(now);
  const key = lineOf(t);
  let ahead = 0;
  for (const o of tickets) if (o.state === 'waiting' && o.id !== t.id && lineOf(o) === key && cmp(o, t) < 0) ahead++;
  return ahead;
}

import type { Appointment } from './appointment.js';
import type { QueueOptions } from './queue-options.js';
import type { ServiceWindow } from './service-window.js';
import type { TicketIndex } from './ticket-index.js';
import type { Ticket } from './ticket.js';

/** What the queue holds in memory: today's tickets (and their index), the windows and the appointments still to come. */
export interface QueueState {
  day: string;
  tickets: ReadonlyMap<string, Ticket>;
  /** Today's tickets as the decisions look them up: what is live, by line, category and window. */
  index: TicketIndex;
  windows: ReadonlyMap<string, ServiceWindow>;
  appointments: ReadonlyMap<string, Appointment>;
}

/** One SMS the queue asks for: a template key and its values. */
export interface QueueNotice {
  phone: string;
  template: QueueTemplate;
  params: Record<string, string>;
}

/** The SMS templates the queue uses; see QUEUE_SMS_TEXT for their Chinese text. */
export type QueueTemplate = 'queue.two-ahead' | 'queue.called';

/** The kinds of screen events, each sent under its own name on the screen's live feed (the pages listen for each). */
export const SCREEN_EVENT_KINDS = [
  'issued',
  'called',
  'recalled',
  'resumed',
  'transferred',
  'parked',
  'no-show',
  'finished',
  'reissued',
  'window-opened',
  'window-closed',
] as const;

/** What happened, as the calling screen shows it: a number and a window, never a name or a phone. */
export interface ScreenEvent {
  seq: number;
  at: string;
  kind: (typeof SCREEN_EVENT_KINDS)[number];
  number?: string;
  category?: number;
  windowId?: string;
  windowName?: string;
}

/** A change a decision asks for: documents to write, screen events to show, SMS to send. */
export interface QueueChange {
  tickets?: Ticket[];
  windows?: ServiceWindow[];
  appointments?: Appointment[];
  events?: Omit<ScreenEvent, 'seq' | 'at'>[];
  notices?: QueueNotice[];
}

/** What every decision is given besides the state. */
export interface QueueContext {
  now: Date;
  options: QueueOptions;
  hallName: string;
  categoryName(category: number): string;
}

/** A decision's answer and the change that goes with it; an empty change writes nothing. */
export interface Decision<T> {
  result: T;
  change: QueueChange;
}

/** The categories some window of the hall serves, open or not: the ones the ticket machine offers. */
export function servedCategories(state: QueueState): Set<number> {
  const served = new Set<number>();
  for (const w of state.windows.values()) for (const c of w.categories) served.add(c);
  return served;
}

/** The ticket a window is serving now, if any. */
export function currentAt(state: QueueState, windowId: string): Ticket | undefined {
  return state.index.calledAt(windowId);
}

// The hall queue's answers as the pages receive them: the queue's own view types (node/queue/),
// which hold only strings, numbers and booleans, so JSON carries them unchanged.
import type { HallQueue } from '../../queue/hall-queue.js';
import type { QueueStats, ScreenEvent, ScreenSnapshot, TicketView } from '../../queue/index.js';
import type { clerkTicketView } from '../../queue/ticket-view.js';

export type { QueueStats, ScreenEvent, ScreenSnapshot, TicketView };

/** A window as GET /api/queue/windows lists it: its state, what it serves, its ticket and parked ones. */
export type QueueWindow = ReturnType<HallQueue['windows']>[number];

/** A ticket as the clerk at the window sees it. */
export type ClerkTicket = ReturnType<typeof clerkTicketView>;

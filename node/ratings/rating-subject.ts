import { HallnetError, caseRatingSubject, type CaseState, type RatingSubject } from '../../sync/index.js';
import type { Ticket } from '../queue/index.js';

/** What a completed case's rating is about; ERR_RATING_NOT_OPEN until the case is completed. */
export function caseSubject(state: CaseState): Extract<RatingSubject, { kind: 'case' }> {
  const subject = caseRatingSubject(state);
  if (!subject) throw new HallnetError('ERR_RATING_NOT_OPEN', `case ${state.id} is ${state.status}`);
  return subject;
}

/** What a finished visit's rating is about (the clerk's name when known); ERR_RATING_NOT_OPEN until the ticket is finished. */
export function visitSubject(t: Ticket, hall: string, clerkName?: string): Extract<RatingSubject, { kind: 'visit' }> {
  if (t.state !== 'finished' || !t.finishedAt || !t.window || !t.clerk)
    throw new HallnetError('ERR_RATING_NOT_OPEN', `ticket ${t.number} is ${t.state}`);
  return {
    kind: 'visit',
    ticketId: t.id,
    hall,
    category: t.category,
    window: t.window,
    clerk: { id: `staff:${t.clerk}`, ...(clerkName ? { name: clerkName } : {}), org: hall },
    finishedAt: t.finishedAt,
  };
}

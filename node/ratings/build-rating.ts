import {
  HallnetError,
  isBadRating,
  ratingDocId,
  type Actor,
  type RatingChannel,
  type RatingDoc,
  type RatingLevel,
  type RatingSubject,
  type SupervisionSettings,
} from '../../sync/index.js';
import type { WorkCalendar } from '../domain/working-days.js';
import { ratingClosesAt } from './rating-closes-at.js';

/** What a resident gave, and through which channel. */
export interface RatingInput {
  level: RatingLevel;
  comment?: string | undefined;
  channel: Exclude<RatingChannel, 'default'>;
}

/** Where and when a rating is being written. */
export interface RatingContext {
  author: Actor;
  parties: string[];
  now: Date;
  calendar: WorkCalendar;
  settings: SupervisionSettings;
}

/**
 * The rating document for a subject that has ended, or a refusal: not before the end
 * (ERR_RATING_NOT_OPEN), not after the time to rate (ERR_RATING_CLOSED). A bad rating carries the
 * date its follow-up must be answered by, in working days.
 */
export function buildRating(subject: RatingSubject, input: RatingInput, ctx: RatingContext): RatingDoc {
  const ended = subject.kind === 'case' ? subject.closedAt : subject.finishedAt;
  if (ctx.now.getTime() > ratingClosesAt(ended, ctx.settings).getTime()) throw new HallnetError('ERR_RATING_CLOSED');
  const at = ctx.now.toISOString();
  const comment = input.comment?.trim();
  return {
    _id: ratingDocId(subject),
    type: 'rating',
    kind: 'rating',
    scope: subject.hall,
    parties: ctx.parties,
    author: ctx.author,
    at,
    subject,
    level: input.level,
    ...(comment ? { comment } : {}),
    channel: input.channel,
    ratedAt: at,
    ...(isBadRating(input.level)
      ? { followUpBy: ctx.calendar.deadline(ctx.now, ctx.settings.followUpWorkingDays) }
      : {}),
  };
}

/**
 * The default rating of a case nobody rated in time (评议器: unrated counts as the middle level):
 * 基本满意, marked `default`, dated when the time to rate ran out.
 */
export function buildDefaultRating(
  subject: Extract<RatingSubject, { kind: 'case' }>,
  ctx: Omit<RatingContext, 'calendar'>,
): RatingDoc {
  return {
    _id: ratingDocId(subject),
    type: 'rating',
    kind: 'rating',
    scope: subject.hall,
    parties: ctx.parties,
    author: ctx.author,
    at: ctx.now.toISOString(),
    subject,
    level: 'basic',
    channel: 'default',
    ratedAt: ratingClosesAt(subject.closedAt, ctx.settings).toISOString(),
  };
}

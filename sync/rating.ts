import { z } from 'zod';
import { actorSchema, envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';

/** 好差评's five levels, best first. */
export const RATING_LEVELS = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const;
/** One of the five levels, as stored. */
export const ratingLevelSchema = z.enum(RATING_LEVELS);
export type RatingLevel = z.infer<typeof ratingLevelSchema>;

/** The levels as residents read them on the rating device and the supervision office in its tables. */
export const RATING_LEVEL_NAMES: Record<RatingLevel, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
};

/** A group's rating figures are shown (to staff without `ratings.view`, and at the city) only from this many ratings up: 样本不足 below. */
export const MIN_RATINGS = 5;

/** A bad rating (差评) opens a follow-up the hall must answer in time. */
export function isBadRating(level: RatingLevel): boolean {
  return level === 'dissatisfied' || level === 'very-dissatisfied';
}

/** Satisfied (好评): the three upper levels, as the national 好差评 system counts them. */
export function isSatisfied(level: RatingLevel): boolean {
  return !isBadRating(level);
}

/** How a rating was given: at the window's device, by the SMS link, online with a resident login, or deemed (default). */
export const ratingChannelSchema = z.enum(['device', 'sms', 'online', 'default']);
export type RatingChannel = z.infer<typeof ratingChannelSchema>;

const iso = z.iso.datetime({ offset: true });

/** What was rated: a completed case, or a visit to the hall's queue (a finished ticket). */
export const ratingSubjectSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('case'),
    caseId: z.string().min(1).max(100),
    matterCode: z.string().min(1).max(50),
    department: orgPathSchema,
    /** The accepting hall (the case's scope). */
    hall: orgPathSchema,
    /** The window clerk who accepted the case: the work being rated. */
    clerk: actorSchema,
    closedAt: iso,
  }),
  z.object({
    kind: z.literal('visit'),
    ticketId: z.string().regex(/^\d{8}-[0-9A-Z]{10}$/),
    hall: orgPathSchema,
    category: z.number().int().min(1).max(15),
    window: z.string().min(1).max(40),
    clerk: actorSchema,
    finishedAt: iso,
  }),
]);
export type RatingSubject = z.infer<typeof ratingSubjectSchema>;

/**
 * One rating (好差评), written once and never changed: its id comes from its subject, so a second
 * rating of the same case is refused by the replica itself. It carries the case's parties, so the
 * supervision offices above the hall hold it; no endpoint shows it to the clerk whose work it rates.
 */
export const ratingDocSchema = envelopeSchema
  .extend({
    type: z.literal('rating'),
    kind: z.literal('rating'),
    subject: ratingSubjectSchema,
    level: ratingLevelSchema,
    comment: z.string().max(500).optional(),
    channel: ratingChannelSchema,
    /** When the rating was given; for a default rating, when the time to rate ran out. */
    ratedAt: iso,
    /** For a bad rating: when its follow-up must be answered by. */
    followUpBy: iso.optional(),
  })
  .refine((d) => d.channel !== 'default' || (d.level === 'basic' && d.comment === undefined), {
    message: 'a default rating is 基本满意 with no comment',
    path: ['level'],
  })
  .refine((d) => (d.followUpBy !== undefined) === (d.channel !== 'default' && isBadRating(d.level)), {
    message: 'a follow-up date goes with a bad rating only',
    path: ['followUpBy'],
  });
export type RatingDoc = z.infer<typeof ratingDocSchema>;

/** The hall's answer to a bad rating's follow-up (回访), a document of its own so the rating stays as given. */
export const followUpDocSchema = envelopeSchema.extend({
  type: z.literal('rating'),
  kind: z.literal('follow-up'),
  ratingId: z.string().min(1).max(300),
  answer: z.string().trim().min(1).max(1000),
  answeredAt: iso,
});
export type FollowUpDoc = z.infer<typeof followUpDocSchema>;

/** Every document of type `rating`: a rating or a follow-up answer. */
export const ratingTypeDocSchema = z.discriminatedUnion('kind', [ratingDocSchema, followUpDocSchema]);

/** The one id a subject's rating can have. */
export function ratingDocId(
  subject: { kind: 'case'; caseId: string } | { kind: 'visit'; hall: string; ticketId: string },
): string {
  return subject.kind === 'case' ? `rating:case:${subject.caseId}` : `rating:visit:${subject.hall}:${subject.ticketId}`;
}

/** The one id a rating's follow-up answer can have. */
export const followUpDocId = (ratingId: string) => `${ratingId}:follow-up`;

/** What a completed case's rating is about, from the case as folded; undefined until it is completed. */
export function caseRatingSubject(state: {
  id: string;
  status: string;
  closedAt: string | undefined;
  matterCode: string;
  department: string;
  scope: string;
  acceptedBy: z.infer<typeof actorSchema> | undefined;
}): Extract<RatingSubject, { kind: 'case' }> | undefined {
  if (state.status !== 'completed' || !state.closedAt || !state.acceptedBy) return undefined;
  return {
    kind: 'case',
    caseId: state.id,
    matterCode: state.matterCode,
    department: state.department,
    hall: state.scope,
    clerk: state.acceptedBy,
    closedAt: state.closedAt,
  };
}

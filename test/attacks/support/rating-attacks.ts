import {
  caseRatingSubject,
  foldCase,
  isBadRating,
  ratingDocId,
  type CaseDoc,
  type RatingChannel,
  type RatingDoc,
  type RatingLevel,
  type RatingSubject,
} from '../../../sync/index.js';
import { A, V } from './attack-district.js';
import type { Forged } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { by, proven, provenNext } from './forge-docs.js';

const DAY = 86_400_000;

/** A case as the hub holds it (the attacker may know every word of a case it cannot read), folded. */
async function folded(ctx: AttackContext, id: string) {
  return foldCase((await ctx.d.district.hub!.store.get(`case:${id}`)) as unknown as CaseDoc);
}

/** A rating of `subject` as a hall's node writes one. */
function rating(
  subject: RatingSubject,
  o: { channel: RatingChannel; level: RatingLevel; parties: string[]; scope?: string; comment?: string },
): RatingDoc {
  const at = new Date().toISOString();
  return {
    _id: ratingDocId(subject),
    type: 'rating',
    kind: 'rating',
    scope: o.scope ?? subject.hall,
    parties: o.parties,
    ...by(A),
    subject,
    level: o.level,
    ...(o.comment ? { comment: o.comment } : {}),
    channel: o.channel,
    ratedAt: at,
    ...(o.channel !== 'default' && isBadRating(o.level)
      ? { followUpBy: new Date(Date.now() + 7 * DAY).toISOString() }
      : {}),
  };
}

/** A rating of case `id` exactly as that case calls for, `o` changing what a forger changes. */
async function caseRating(
  ctx: AttackContext,
  id: string,
  o: {
    channel: RatingChannel;
    level: RatingLevel;
    scope?: string;
    parties?: (p: string[]) => string[];
    subject?: (s: RatingSubject) => RatingSubject;
    comment?: string;
  },
): Promise<Forged> {
  const state = await folded(ctx, id);
  const subject = caseRatingSubject(state) ?? {
    kind: 'case' as const,
    caseId: state.id,
    matterCode: state.matterCode,
    department: state.department,
    hall: state.scope,
    clerk: state.acceptedBy ?? { id: 'staff:unknown', org: state.scope },
    closedAt: new Date().toISOString(),
  };
  return proven(
    ctx.attacker.signer,
    rating((o.subject ?? ((s) => s))(subject), {
      ...o,
      parties: (o.parties ?? ((p) => p))(state.parties),
    }) as unknown as Forged,
  );
}

/** The resident's own rating of his case at the station, as held. */
const residentsRating = (ctx: AttackContext) => ctx.attacker.read(`rating:case:${ctx.story.ratedAtA}`);

/** 好差评 forged, pre-empted or overwritten. */
export const RATING_ATTACKS: Attack[] = [
  {
    name: "a window-device 差评 of the other street's completed case",
    via: 'bulk',
    reason: /scope dongcheng\/andingmen\/guozijian is outside/,
    forge: (ctx) =>
      caseRating(ctx, ctx.story.victim, { channel: 'device', level: 'very-dissatisfied', comment: '态度恶劣' }),
  },
  {
    name: 'pre-emption: an "online" rating of the other street\'s case before its resident rates',
    via: 'pouch',
    reason: /scope dongcheng\/andingmen\/guozijian is outside/,
    forge: (ctx) =>
      caseRating(ctx, ctx.story.victim, { channel: 'online', level: 'very-dissatisfied', comment: '本人评价' }),
  },
  {
    name: "a rating of the other street's case, kept at the station",
    via: 'put',
    reason: /a rating belongs to the hall whose work it rates/,
    forge: (ctx) =>
      caseRating(ctx, ctx.story.victim, { channel: 'device', level: 'dissatisfied', scope: A, parties: () => [A] }),
  },
  {
    name: "a default rating written over the resident's own rating",
    via: 'bulk',
    reason: /a rating is given once/,
    forge: async (ctx) => {
      const held = await residentsRating(ctx);
      const { comment: _c, followUpBy: _f, ...rest } = held;
      void _c;
      void _f;
      return provenNext(ctx.attacker.signer, held, {
        ...rest,
        ...by(A),
        channel: 'default',
        level: 'basic',
        ratedAt: new Date().toISOString(),
      });
    },
  },
  {
    name: 'the resident\'s own rating replaced by a 差评 "by SMS link"',
    via: 'pouch',
    reason: /a rating is given once/,
    forge: async (ctx) => {
      const held = await residentsRating(ctx);
      return provenNext(ctx.attacker.signer, held, {
        ...held,
        ...by(A),
        channel: 'sms',
        level: 'very-dissatisfied',
        comment: '很差',
        followUpBy: new Date(Date.now() + 7 * DAY).toISOString(),
      });
    },
  },
  {
    name: 'a rating of a case still being worked at the street',
    via: 'bulk',
    reason: /only a completed case is rated/,
    forge: (ctx) => caseRating(ctx, ctx.story.forwarded, { channel: 'device', level: 'very-satisfied' }),
  },
  {
    name: "a rating of the station's case naming another clerk as the one rated",
    via: 'put',
    reason: /the rating does not describe the case it names/,
    forge: (ctx) =>
      caseRating(ctx, ctx.story.completedByStreet, {
        channel: 'device',
        level: 'very-dissatisfied',
        subject: (s) => ({ ...s, clerk: { id: 'staff:zhao', name: '赵某', org: A } }),
      }),
  },
  {
    name: "a rating of the station's case sent on to the other street",
    via: 'bulk',
    reason: /a rating's parties are its case's/,
    forge: (ctx) =>
      caseRating(ctx, ctx.story.completedByStreet, {
        channel: 'device',
        level: 'satisfied',
        parties: (p) => [...p, V],
      }),
  },
  {
    name: "a visit rating of the other station's hall",
    via: 'bulk',
    reason: /scope dongcheng\/andingmen\/guozijian is outside/,
    forge: (ctx) => {
      const subject: RatingSubject = {
        kind: 'visit',
        ticketId: '20260302-ABCDEFGHJK',
        hall: V,
        category: 7,
        window: 'w1',
        clerk: { id: 'staff:clerk', org: V },
        finishedAt: new Date().toISOString(),
      };
      return proven(
        ctx.attacker.signer,
        rating(subject, { channel: 'device', level: 'very-dissatisfied', parties: [V] }) as unknown as Forged,
      );
    },
  },
];

/** The follow-up (回访) of the resident's bad rating of the other street's case, answered by the station. */
async function followUp(ctx: AttackContext, scope: 'rated' | 'own'): Promise<Forged> {
  const held = (await ctx.d.district.hub!.store.get(`rating:case:${ctx.story.victim}`)) as unknown as RatingDoc;
  const at = new Date().toISOString();
  return proven(ctx.attacker.signer, {
    _id: `${held._id}:follow-up`,
    type: 'rating',
    kind: 'follow-up',
    scope: scope === 'rated' ? held.scope : A,
    parties: scope === 'rated' ? held.parties : [A],
    ...by(A),
    ratingId: held._id,
    answer: '已回访，群众满意',
    answeredAt: at,
  });
}

/** Attacks on the resident's bad rating once he has given it. */
export const FOLLOW_UP_ATTACKS: Attack[] = [
  {
    name: 'the other street\'s bad rating "answered" by the station',
    via: 'bulk',
    reason: /scope dongcheng\/andingmen\/guozijian is outside/,
    forge: (ctx) => followUp(ctx, 'rated'),
  },
  {
    name: 'the other street\'s bad rating "answered" at the station',
    via: 'put',
    reason: /the hall rated, or an office above it, answers the follow-up/,
    forge: (ctx) => followUp(ctx, 'own'),
  },
];

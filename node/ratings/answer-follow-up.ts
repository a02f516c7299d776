import { HallnetError, followUpDocId, type Actor, type FollowUpDoc } from '../../sync/index.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import type { RatingIndex } from './rating-index.js';

/**
 * 回访: the answer to a bad rating's follow-up, written once as a document of its own beside the
 * rating (which stays as given). Refused for a rating that has no follow-up or one already answered.
 */
export async function answerFollowUp(
  guard: GuardedWriter,
  index: RatingIndex,
  ratingId: string,
  answer: string,
  author: Actor,
  now: Date,
): Promise<FollowUpDoc> {
  const rating = index.get(ratingId);
  if (!rating) throw new HallnetError('ERR_NOT_FOUND', `no rating ${ratingId} here`);
  if (!rating.followUpBy) throw new HallnetError('ERR_FOLLOW_UP_NONE');
  if (index.answerTo(ratingId)) throw new HallnetError('ERR_FOLLOW_UP_ANSWERED');
  const at = now.toISOString();
  const unsigned: FollowUpDoc = {
    _id: followUpDocId(ratingId),
    type: 'rating',
    kind: 'follow-up',
    scope: rating.scope,
    parties: rating.parties,
    author,
    at,
    ratingId,
    answer: answer.trim(),
    answeredAt: at,
  };
  let doc: FollowUpDoc;
  try {
    doc = await guard.put(unsigned);
  } catch (err) {
    if ((err as { status?: number }).status === 409) throw new HallnetError('ERR_FOLLOW_UP_ANSWERED');
    throw err;
  }
  index.put(doc);
  return doc;
}

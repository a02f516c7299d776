import { docProofInput, isWithin, type FollowUpDoc, type RatingDoc } from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';

/**
 * Whether a rating or follow-up received here was written by a node that may write it: signed by
 * a key the district vouches for, of the rated hall or an office above it. One pushed in by any
 * other hall (through an old hub, or a restored backup) is not shown, counted or acted on.
 */
export function trustedRating(
  doc: RatingDoc | FollowUpDoc,
  hallOf: (ratingId: string) => string | undefined,
  keys: SignerKeys,
): boolean {
  if (!doc.proof || !keys.verify(doc.proof.kid, docProofInput(doc, doc.proof.kid), doc.proof.sig, doc.at)) return false;
  const writer = keys.orgOf(doc.proof.kid);
  const hall = doc.kind === 'rating' ? doc.subject.hall : hallOf(doc.ratingId);
  return writer !== undefined && hall !== undefined && isWithin(hall, writer);
}

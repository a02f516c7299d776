import type { RatingDoc } from '../../sync/index.js';

/**
 * The rating that stands when two nodes wrote one for the same subject apart (a CouchDB
 * conflict): a given rating beats a default one (the resident rated in time, the hall deemed it
 * while cut off), then the earlier one, then the smaller author id — so every node picks the same.
 */
export function pickRating(revisions: readonly RatingDoc[]): RatingDoc | undefined {
  let best: RatingDoc | undefined;
  for (const r of revisions) if (!best || beats(r, best)) best = r;
  return best;
}

function beats(a: RatingDoc, b: RatingDoc): boolean {
  const aDefault = a.channel === 'default';
  const bDefault = b.channel === 'default';
  if (aDefault !== bDefault) return bDefault;
  if (a.ratedAt !== b.ratedAt) return Date.parse(a.ratedAt) < Date.parse(b.ratedAt);
  return a.author.id < b.author.id;
}

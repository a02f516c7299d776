import type { FollowUpDoc } from '../../sync/index.js';

/** Where a rating's follow-up stands now: none, open, overdue, or answered (and whether in time). */
export function followUpStatus(
  rating: { followUpBy?: string | undefined },
  answer: FollowUpDoc | undefined,
  now: Date,
): 'none' | 'open' | 'overdue' | 'answered' | 'answered-late' {
  if (!rating.followUpBy) return 'none';
  const due = Date.parse(rating.followUpBy);
  if (answer) return Date.parse(answer.answeredAt) <= due ? 'answered' : 'answered-late';
  return now.getTime() > due ? 'overdue' : 'open';
}

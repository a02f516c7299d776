import { describe, expect, it } from 'vitest';
import type { RatingDoc } from '../../sync/index.js';
import { pickRating } from './pick-rating.js';

const base = {
  _id: 'rating:case:c1',
  type: 'rating' as const,
  kind: 'rating' as const,
  scope: 'dongcheng',
  parties: ['dongcheng'],
  at: '2026-11-10T00:00:00.000Z',
};
const subject = {
  kind: 'case' as const,
  caseId: 'c1',
  matterCode: 'M',
  department: 'dongcheng/dept/civil',
  hall: 'dongcheng',
  clerk: { id: 'staff:a', org: 'dongcheng' },
  closedAt: '2026-11-01T00:00:00.000Z',
};
const r = (author: string, channel: RatingDoc['channel'], ratedAt: string, level: RatingDoc['level']): RatingDoc => ({
  ...base,
  subject,
  author: { id: author, org: 'dongcheng' },
  channel,
  ratedAt,
  level,
});

describe('pickRating', () => {
  it('lets a rating given in time beat the default written while the hall was cut off, then the earlier one, the same way in any order', () => {
    const deemed = r('node:x', 'default', '2026-11-08T00:00:00.000Z', 'basic');
    const given = r('device:w1', 'device', '2026-11-07T23:00:00.000Z', 'satisfied');
    const later = r('sms-link', 'sms', '2026-11-07T23:30:00.000Z', 'dissatisfied');
    expect(pickRating([deemed, given, later])).toBe(given);
    expect(pickRating([later, deemed, given])).toBe(given);
    expect(pickRating([deemed])).toBe(deemed);
  });
});

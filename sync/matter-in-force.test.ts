import { describe, expect, it } from 'vitest';
import type { Matter } from './matter.js';
import { matterInForce } from './matter-in-force.js';

const v = (version: number, effectiveFrom?: string, retired?: boolean) =>
  ({ code: 'M1', version, ...(effectiveFrom ? { effectiveFrom } : {}), ...(retired ? { retired } : {}) }) as Matter;

describe('matterInForce', () => {
  it('takes the highest version in force on the day, none before the first or after a retirement', () => {
    const versions = [v(3, '2027-01-01'), v(1), v(2, '2026-12-01')];
    expect(matterInForce(versions, '2026-11-30')?.version).toBe(1);
    expect(matterInForce(versions, '2026-12-01')?.version).toBe(2);
    expect(matterInForce(versions, '2027-06-01')?.version).toBe(3);
    expect(matterInForce([v(2, '2026-12-01')], '2026-11-30')).toBeUndefined();
    expect(matterInForce([...versions, v(4, '2027-03-01', true)], '2027-02-28')?.version).toBe(3);
    expect(matterInForce([...versions, v(4, '2027-03-01', true)], '2027-03-01')).toBeUndefined();
  });
});

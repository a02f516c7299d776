import { describe, expect, it } from 'vitest';
import { revocationDocId, revocationSchema } from './revocation.js';

const base = {
  type: 'revocation',
  scope: 'dongcheng',
  parties: ['dongcheng'],
  author: { id: 'ca:dongcheng', org: 'dongcheng' },
  at: '2026-03-02T08:00:00Z',
  reason: '设备丢失 key compromise',
  revokedAt: '2026-03-02T08:00:00Z',
};

describe('revocationSchema', () => {
  it('accepts a certificate revocation by serial and a grant revocation by id', () => {
    const cert = { ...base, _id: revocationDocId('certificate', '0a1b'), what: 'certificate', target: '0a1b' };
    const grant = { ...base, _id: revocationDocId('grant', 'grant:abc-1'), what: 'grant', target: 'grant:abc-1' };
    expect(revocationSchema.parse(cert).what).toBe('certificate');
    expect(revocationSchema.parse(grant).what).toBe('grant');
    expect(revocationDocId('certificate', '0a1b')).toBe('revocation:certificate:0a1b');
  });

  it('refuses a certificate target that is not a serial, an unknown kind, and a missing reason', () => {
    const ok = { ...base, _id: 'revocation:certificate:0a1b', what: 'certificate', target: '0a1b' };
    for (const bad of [
      { target: 'grant:abc' },
      { target: '0A1B' },
      { what: 'account' },
      { reason: '' },
      { type: 'certificate' },
      { revokedAt: 'now' },
    ]) {
      expect(revocationSchema.safeParse({ ...ok, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(revocationSchema.safeParse({ ...ok, what: 'grant', target: 'a/b' }).success).toBe(false);
  });
});

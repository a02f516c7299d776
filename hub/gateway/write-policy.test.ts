import { describe, expect, it } from 'vitest';
import { caseDoc, orgDoc } from '../testing/hub-fixtures.js';
import type { KnownDoc } from './gateway-types.js';
import { defaultWritePolicy } from './write-policy.js';

const street = { org: 'dongcheng/jingshan', node: 'n1', serial: '01', chain: [] };
const district = { org: 'dongcheng', node: 'root', serial: '02', chain: [] };
const held = (parties: string[], type = 'case'): KnownDoc => ({ type, parties, deleted: false });

describe('defaultWritePolicy', () => {
  it('lets a node write a valid document with a party and an author inside its subtree', () => {
    expect(defaultWritePolicy(street, caseDoc({ scope: 'dongcheng/jingshan/huangchenggen' }), undefined)).toEqual({ ok: true });
    // Forwarding: a party outside is fine as long as one lies inside.
    const forwarded = caseDoc({ scope: 'dongcheng/jingshan', parties: ['dongcheng/jingshan', 'dongcheng/dept/health'] });
    expect(defaultWritePolicy(street, forwarded, undefined)).toEqual({ ok: true });
  });

  it('refuses documents with no party in the subtree, or an author outside it', () => {
    expect(defaultWritePolicy(street, caseDoc({ scope: 'dongcheng/donghuamen' }), undefined)).toMatchObject({ ok: false });
    // A sibling whose path merely starts with the same letters is not inside.
    expect(defaultWritePolicy(street, caseDoc({ scope: 'dongcheng/jingshanxi' }), undefined)).toMatchObject({ ok: false });
    const foreign = caseDoc({ scope: 'dongcheng/jingshan', author: 'dongcheng/donghuamen' });
    expect(defaultWritePolicy(street, foreign, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('author') });
  });

  it('refuses documents that fail their schema', () => {
    const bad = { ...caseDoc({ scope: 'dongcheng/jingshan' }), events: [] };
    expect(defaultWritePolicy(street, bad, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('invalid') });
  });

  it('lets only the district root write public types', () => {
    expect(defaultWritePolicy(street, orgDoc('dongcheng/jingshan/new'), undefined)).toMatchObject({ ok: false });
    expect(defaultWritePolicy(district, orgDoc('dongcheng/jingshan/new'), undefined)).toEqual({ ok: true });
    expect(defaultWritePolicy(street, { _id: 'org:x', _rev: '2-a', _deleted: true }, held(['dongcheng'], 'organisation'))).toMatchObject({ ok: false });
  });

  it('allows deleting only documents the writer could write, with one answer for taken and free ids', () => {
    const tomb = { _id: 'case:1', _rev: '2-a', _deleted: true };
    expect(defaultWritePolicy(street, tomb, held(['dongcheng/jingshan/huangchenggen']))).toEqual({ ok: true });
    const notMine = defaultWritePolicy(street, tomb, held(['dongcheng/donghuamen']));
    const unknown = defaultWritePolicy(street, tomb, undefined);
    expect(notMine).toMatchObject({ ok: false });
    expect(unknown).toEqual(notMine);
  });

  it('refuses overwriting a held document the writer could not write, whatever the new revision claims', () => {
    const claim = caseDoc({ scope: 'dongcheng/jingshan' });
    expect(defaultWritePolicy(street, claim, held(['dongcheng/donghuamen']))).toMatchObject({ ok: false });
  });
});

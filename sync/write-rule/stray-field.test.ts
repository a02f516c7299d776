import { describe, expect, it } from 'vitest';
import { caseDoc } from '../../test/support/fixtures.js';
import { caseDocSchema } from '../case.js';
import { strayField, strayPath } from './stray-field.js';

describe('fields no schema names', () => {
  it("finds a top-level field beside a document's own and the store's", () => {
    const doc = { ...caseDoc('dongcheng/jingshan'), _rev: '1-a', _revisions: { start: 1, ids: ['a'] } };
    expect(strayField('case', doc)).toBeUndefined();
    expect(strayField('case', { ...doc, junk: 1 })).toBe('junk');
    expect(strayField('case', { ...doc, _junk: 1 })).toBe('_junk');
  });

  it('finds one at any depth that the parse dropped, by its path', () => {
    const doc = caseDoc('dongcheng/jingshan');
    const event = doc.events[0]!;
    const raw = { ...doc, events: [{ ...event, actor: { ...event.actor, junk: 'x' } }] };
    expect(strayPath(raw, caseDocSchema.parse(raw))).toBe('events.0.actor.junk');
    expect(strayPath(doc, caseDocSchema.parse(doc))).toBeUndefined();
  });
});

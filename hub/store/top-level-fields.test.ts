import { describe, expect, it } from 'vitest';
import { topLevelFields } from './top-level-fields.js';

const FIELDS = ['type', 'parties'] as const;

/** What JSON.parse makes of the same fields. */
function parsed(text: string): Record<string, unknown> {
  const whole = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(FIELDS.filter((f) => f in whole).map((f) => [f, whole[f]]));
}

describe('topLevelFields', () => {
  it('reads the named top-level fields as JSON.parse does, whatever comes before or around them', () => {
    const docs: unknown[] = [
      { type: 'case', parties: ['d/s1', 'd/dept'], events: [{ type: 'nested', parties: ['x'] }] },
      { events: [{ type: 'nested', parties: ['x'], deep: { type: '{[' } }], note: 'a "quoted" } ] \\', type: 't' },
      { 'ty\\pe': 1, 'par"ties': 2, n: -1.5e3, ok: true, no: null, parties: ['街道/社区', 'a\u0001b'] },
      { applicant: { name: '张三' }, parties: [], type: '' },
      {},
      { type: 7, parties: { not: 'an array' } },
    ];
    for (const doc of docs) {
      const text = JSON.stringify(doc);
      expect(topLevelFields(FIELDS)(Buffer.from(text))).toEqual(parsed(text));
    }
  });

  it('reads a field whose key is escaped, and text with whitespace', () => {
    const text = ' { "n" : [ 1 , { "type" : "inner" } ] ,\n "\\u0074ype" : "case" , "parties" : [ "a" ] } ';
    expect(topLevelFields(FIELDS)(Buffer.from(text))).toEqual({ type: 'case', parties: ['a'] });
  });

  it('throws on text that is not an object', () => {
    for (const text of ['[1]', '"x"', '{"type":"case"', '{"type" "case"}', '{"a":[1,2}'])
      expect(() => topLevelFields(['missing'])(Buffer.from(text))).toThrow(SyntaxError);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so reordered documents give the same bytes', () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('leaves out undefined members and keeps array order and strings exact', () => {
    expect(canonicalJson({ a: undefined, b: ['二', 'one'] })).toBe('{"b":["二","one"]}');
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('writes what JSON.stringify writes for the key-sorted value, keys needing escapes and more keys than it caches included', () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
    const values: unknown[] = [
      {},
      [],
      { 'quote"d': 1, 'new\nline': '\u2028', 名字: '张三', '': null, nested: { x: [{}, [], true, -0.5] } },
      many,
      many,
    ];
    for (const v of values) expect(canonicalJson(v)).toBe(JSON.stringify(sorted(v)));
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson({ a: undefined })).toBe('{}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});

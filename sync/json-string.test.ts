import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonString } from './json-string.js';

describe('jsonString', () => {
  it('parses the JSON a string holds and checks it with the inner schema', () => {
    const keys = jsonString(z.array(z.string()));
    expect(keys.parse('["a","b"]')).toEqual(['a', 'b']);
    expect(keys.safeParse('["a",').error?.issues[0]?.message).toBe('must be JSON / 不是合法的 JSON');
    expect(keys.safeParse('[1]').success).toBe(false);
  });
});

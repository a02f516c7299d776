import { describe, expect, it } from 'vitest';
import { errorTable } from './errors.js';

describe('errorTable', () => {
  it('writes every Chinese message with full-width punctuation (，；：（）), as pages and SMS show it', () => {
    for (const [code, { zh }] of Object.entries(errorTable)) expect(zh, code).not.toMatch(/[,;:()?!]/);
  });
});

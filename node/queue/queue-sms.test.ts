import { describe, expect, it } from 'vitest';
import { QUEUE_SMS_TEXT } from './queue-sms.js';

describe('QUEUE_SMS_TEXT', () => {
  it('reads as Chinese SMS: full-width punctuation only', () => {
    for (const [template, text] of Object.entries(QUEUE_SMS_TEXT)) expect(text, template).not.toMatch(/[,;:()?!]/);
  });
});

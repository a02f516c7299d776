import { describe, expect, it } from 'vitest';
import { findChromium, INSTALL_CHROMIUM } from './support/chromium.js';

describe('finding Chromium for the page tests', () => {
  it('fails, naming the one command that installs it, when Chromium is missing', () => {
    expect(() => findChromium('/nonexistent/chromium')).toThrow(INSTALL_CHROMIUM);
  });
});

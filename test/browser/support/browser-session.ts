import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { launchChromium } from './chromium.js';

/** A browser window's size in CSS pixels. */
export interface Viewport {
  width: number;
  height: number;
}

export const DESK: Viewport = { width: 1366, height: 768 };
export const TV: Viewport = { width: 1920, height: 1080 };
export const TABLET: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 390, height: 844 };

/** One Chromium shared by a test file's tests. */
export interface BrowserSession {
  /** A new tab (its own sessionStorage: its own login) of `size`, the session's viewport by default. */
  tab(size?: Viewport): Promise<Page>;
  /** A screenshot into the session's folder as `<name>.png`. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<Buffer>;
}

/**
 * The Chromium of one test file, launched at its first tab and closed after the file. Every test
 * ends by checking that no page threw an uncaught error and that the strict CSP refused nothing
 * (an inline script or style would be refused, and the page would silently lose it).
 */
export function browserSession(opts: { shots: string; viewport?: Viewport }): BrowserSession {
  const errors: string[] = [];
  let browser: ReturnType<typeof launchChromium> | undefined;
  mkdirSync(opts.shots, { recursive: true });

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await (await browser)?.close();
  });

  return {
    async tab(size = opts.viewport ?? DESK) {
      browser ??= launchChromium({ viewport: size });
      const page = await (await browser).context.newPage();
      await page.setViewportSize(size);
      // Under the test's own 30 s: a step that hangs fails naming its locator, not only the test.
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
      page.on(
        'console',
        (msg) =>
          msg.type() === 'error' &&
          /Content Security Policy/.test(msg.text()) &&
          errors.push(`${page.url()}: ${msg.text()}`),
      );
      return page;
    },
    shot: (page, name, fullPage = false) => page.screenshot({ path: `${opts.shots}/${name}.png`, fullPage }),
  };
}

/** The text of the first element `selector` finds, '' when it has none. */
export const text = async (page: Page, selector: string): Promise<string> =>
  (await page.locator(selector).textContent()) ?? '';

/** How far the page is wider than its window: 0 when nothing scrolls sideways (on a phone). */
export const overflow = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Visible form controls with no label to name them: there should be none. */
export const unlabelled = (page: Page): Promise<string[]> =>
  page.$$eval('input:not([type=hidden]), select, textarea', (controls) =>
    controls
      .filter(
        (c) =>
          (c as HTMLElement).offsetParent !== null &&
          !(c as HTMLInputElement).labels?.length &&
          !c.getAttribute('aria-label'),
      )
      .map((c) => c.id || c.outerHTML),
  );

/** Visible buttons whose label breaks over two lines (选/择 in a squeezed row): there should be none. */
export const wrappedButtons = (page: Page): Promise<string[]> =>
  page.$$eval('button, a.button', (buttons) =>
    buttons
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .filter((b) => {
        const range = document.createRange();
        range.selectNodeContents(b);
        // One rectangle per line the label's text takes.
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      })
      .map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''),
  );

/** Fills and sends the staff login form the page shows (账号, 密码). */
export async function submitStaffLogin(page: Page, who: { account: string; password: string }): Promise<void> {
  await page.fill('#clerk-account', who.account);
  await page.fill('#clerk-password', who.password);
  await page.click('#clerk-login-form button[type=submit]');
}

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, the browser the page tests run in. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The one command that installs it. */
export const INSTALL_CHROMIUM = 'apt-get update && apt-get install -y chromium fonts-wqy-microhei';

/** The path of Debian's Chromium, or an error that says how to install it (the suite fails, it never skips). */
export function findChromium(path = CHROMIUM_PATH): string {
  if (!existsSync(path))
    throw new Error(`Chromium is not installed at ${path}. Install it (as root) with:\n\n  ${INSTALL_CHROMIUM}\n`);
  return path;
}

/**
 * A headless Chromium on a fresh profile folder (removed on close), with nothing that reaches for
 * the network: the machine has none. Each page of the context keeps its own sessionStorage, so a
 * clerk's tab and a resident's tab are two separate logins, as on two devices.
 */
export async function launchChromium(
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'hallnet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: opts.viewport ?? { width: 1366, height: 768 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

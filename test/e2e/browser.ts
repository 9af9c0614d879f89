/**
 * A real headless Chromium for the console's tests: Debian's `chromium` package (installed by
 * .ci/run), driven by playwright-core, which downloads nothing. One browser per test file, a
 * fresh context (cookies, storage) per user. Playwright gives every launch its own temporary
 * profile directory, so nothing carries over between runs.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Where screenshots go: docs/console when UPDATE_SCREENSHOTS=1 (then commit them), else a temp
 * folder, so a test run leaves the working tree as it was.
 */
export async function screenshotDir(): Promise<string> {
  const dir = process.env['UPDATE_SCREENSHOTS'] === '1' ? resolve(import.meta.dirname, '../../docs/console') : join(tmpdir(), 'bmcp-console-screenshots');
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(await screenshotDir(), `${name}.png`), fullPage: false });
}

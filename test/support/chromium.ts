import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const ARTIFACTS = path.join(process.cwd(), 'test-results');

/** Debian's chromium, headless, with every background connection turned off (no network here). */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  after(() => browser.close());
  return browser;
}

/** Saves a screenshot under test-results/ as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects requests to anything but the host under test: the console must not phone home. */
export function recordForeignRequests(page: Page, allowedOrigin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(allowedOrigin) && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

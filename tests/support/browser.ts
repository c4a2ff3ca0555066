import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');

/** Debian's Chromium, headless, with the flags that keep it off the network; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run \`apt-get install -y chromium fonts-noto-cjk\``);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Viewport {
  width: number;
  height: number;
}

/** The phone most browser tests use. */
export const PHONE: Viewport = { width: 375, height: 812 };
/** The phone issue #23 walked the app on: the role walk and the pickers use it. */
export const ISSUE_23_PHONE: Viewport = { width: 390, height: 844 };

/** A phone-sized page, as a member holds it. */
export async function phonePage(browser: Browser, viewport: Viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

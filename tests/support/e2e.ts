import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage } from './browser';
import { startPlatform, type RunningPlatform } from './platform';

/**
 * Starts the platform (as `npm start` runs it) and Chromium once for a browser-test file and stops both after
 * it; the getters are for use inside the tests.
 */
export function usePlatformInBrowser(): { platform: () => RunningPlatform; browser: () => Browser } {
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 30_000);
  return { platform: () => platform!, browser: () => browser! };
}

/** A fresh phone-sized page signed in as a demo account (picked by name on the login page), on the home page. */
export async function signInAs(browser: Browser, webUrl: string, name: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(`${webUrl}/`);
  await page.getByText(name).first().click({ timeout: 30_000 });
  await page.getByText('功能服务').first().waitFor({ timeout: 20_000 });
  return page;
}

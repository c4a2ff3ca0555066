import type { Browser, Locator, Page } from 'playwright-core';
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
  await shown(page, name).click({ timeout: 30_000 });
  await shown(page, '功能服务').waitFor({ timeout: 20_000 });
  return page;
}

/**
 * Text the member can see now. Taro H5 keeps the pages below the current one in the DOM, hidden, so a bare
 * `getByText` may resolve to a copy on a page the member has left.
 */
export function shown(page: Page, text: string | RegExp, options?: { exact?: boolean }): Locator {
  return page.getByText(text, options).filter({ visible: true }).first();
}

/**
 * Clicks what the member sees once the page has settled. A page the member comes back to re-renders (fresh
 * answers, an offline notice moving the cards), and Playwright keeps waiting on the element it found first
 * even when that copy goes hidden: each attempt here finds it afresh.
 */
export async function clickSettled(locator: Locator, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await locator.click({ timeout: 3_000 });
      return;
    } catch (error) {
      if (Date.now() + 3_000 > deadline) throw error;
    }
  }
}

/** A session token the way the app gets one (demo sign-in), for setting up what a browser test only looks at. */
export async function demoToken(apiUrl: string, userId: string): Promise<string> {
  const reply = await fetch(`${apiUrl}/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  return ((await reply.json()) as { token: string }).token;
}

/** A suggestion sent through the API as the app sends it; resolves with the HTTP status. */
export async function postSuggestionAs(apiUrl: string, userId: string, suggestion: { title: string; content: string }): Promise<number> {
  const reply = await fetch(`${apiUrl}/suggestions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await demoToken(apiUrl, userId)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...suggestion, category: 'other', clientRequestId: `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}` }),
  });
  return reply.status;
}

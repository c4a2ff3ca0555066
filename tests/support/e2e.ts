import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, phonePage, type Viewport } from './browser';
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
export async function signInAs(browser: Browser, webUrl: string, name: string, viewport?: Viewport): Promise<Page> {
  const page = await phonePage(browser, viewport);
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

/**
 * Labels and placeholders of the visible fields that ask for an account, a branch or any other id (账号/编号/ID):
 * issue #23 wants people and branches picked, never typed, so a page passes with none.
 */
export async function fieldsAskingForIds(page: Page): Promise<string[]> {
  const texts = await page.locator('input, textarea').evaluateAll((fields) =>
    fields
      .filter((field) => (field as HTMLElement).offsetParent !== null)
      .map((field) => {
        // Taro wraps each field in its own element; the label the member reads is the text just before it.
        const host = field.closest('taro-input-core, taro-textarea-core') ?? field;
        const label = host.previousElementSibling?.textContent ?? '';
        return [label, field.closest('[aria-label]')?.getAttribute('aria-label'), field.getAttribute('aria-label'), field.getAttribute('placeholder')].filter(Boolean).join(' ');
      }),
  );
  return texts.filter((text) => /账号|编号|ID|userid/i.test(text));
}

/** An activity open to every branch, published through the API by an organiser (as the app's form sends it); resolves with its title. */
export async function publishActivityAs(apiUrl: string, userId: string, activity: { title: string; place: string; description: string }): Promise<string> {
  const now = Date.now();
  const day = 24 * 3_600_000;
  const reply = await fetch(`${apiUrl}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await demoToken(apiUrl, userId)}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...activity,
      clientRequestId: `e2e-activity-${now}-${Math.random().toString(36).slice(2)}`,
      type: 'study',
      startAt: new Date(now + 3 * day).toISOString(),
      endAt: new Date(now + 3 * day + 2 * 3_600_000).toISOString(),
      signupOpensAt: new Date(now - 3_600_000).toISOString(),
      signupDeadline: new Date(now + 2 * day).toISOString(),
      capacity: 30,
      waitlistSize: 0,
      branchIds: [],
      categories: [],
      checkInRequired: false,
    }),
  });
  if (reply.status >= 300) throw new Error(`could not publish ${activity.title}: ${reply.status} ${await reply.text()}`);
  return activity.title;
}

/** Back on the home page by the app's own route (a cold local function may take a while to answer it). */
export async function goHome(page: Page, webUrl: string, timeout = 60_000): Promise<void> {
  await page.goto(`${webUrl}/#/pages/index/index`);
  await shown(page, '功能服务').waitFor({ timeout });
}

/**
 * Taps a home entry until its page is there. A home page that re-renders as its answers arrive (the order of the
 * cards, an offline notice) can swallow a tap on a loaded machine; a second tap goes only while the entry is
 * still on screen, so a slow but started navigation is never doubled.
 */
export async function tapEntryUntil(page: Page, entry: string, arrived: Locator, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const link = page.getByRole('link', { name: entry, exact: true }).filter({ visible: true }).first();
  for (;;) {
    if (await link.isVisible()) await link.click({ timeout: 5_000 }).catch(() => undefined);
    try {
      await arrived.waitFor({ timeout: Math.max(1, Math.min(10_000, deadline - Date.now())) });
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
}

/** From the home page into a capability by its entry card. */
export async function openEntry(page: Page, webUrl: string, entry: string): Promise<void> {
  await goHome(page, webUrl);
  await page.getByRole('link', { name: entry, exact: true }).click();
}

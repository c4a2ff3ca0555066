import type { Page } from 'playwright-core';

/**
 * Reads the chapter on screen for so many minutes of the page's clock (installed with `page.clock.install()`
 * before the course opened): a minute at a time, each minute's report answered by the real server before the
 * next, since the app's request timeouts run on the same clock and one long jump would time them out.
 */
export async function readChapterFor(page: Page, minutes: number): Promise<void> {
  for (let minute = 0; minute < minutes; minute += 1) {
    const answered = page.waitForResponse((response) => response.url().includes('/api/v1/learning/progress') && response.request().method() === 'POST');
    await page.clock.runFor(60_000);
    const status = (await answered).status();
    if (status !== 200) throw new Error(`a minute of reading was answered ${status}`);
  }
}

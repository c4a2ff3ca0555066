import type { CDPSession, Page } from 'playwright-core';

export const INTERACTIVE_DEFINITION =
  'interactive = navigation start → the first home entry card (.card) is visible and a click on it has been handled (the router has moved to the page it opens)';

export interface Interactive {
  /** The first entry card is laid out and visible (ms after navigation start). */
  renderedMs: number;
  /** The click on it has moved the router (ms after navigation start). */
  handledMs: number;
  /** Bytes that came over the network for this load (HTTP cache hits count 0). */
  transferredBytes: number;
}

declare global {
  interface Window {
    __interactive?: Promise<Interactive>;
  }
}

/**
 * Runs in the page before any of its scripts (an init script, so on every navigation): checks each frame for a
 * visible entry card, clicks it at once, and resolves when the URL shows the click was handled. Times are
 * `performance.now()`, which counts from the navigation's start.
 */
function installProbe(): void {
  window.__interactive = new Promise<Interactive>((resolve) => {
    const transferred = () =>
      performance
        .getEntries()
        .reduce((sum, entry) => sum + ('transferSize' in entry ? Number((entry as PerformanceResourceTiming).transferSize) : 0), 0);
    const findCard = () => {
      const card = Array.from(document.querySelectorAll<HTMLElement>('.card')).find((element) => element.checkVisibility());
      if (!card) return void requestAnimationFrame(findCard);
      const renderedMs = performance.now();
      const before = location.href;
      card.click();
      const waitHandled = () => {
        if (location.href === before) return void requestAnimationFrame(waitHandled);
        resolve({ renderedMs, handledMs: performance.now(), transferredBytes: transferred() });
      };
      waitHandled();
    };
    requestAnimationFrame(findCard);
  });
}

export async function addProbe(page: Page): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps inner functions in a `__name` helper the page lacks.
  await page.addInitScript({ content: `var __name = (target) => target; (${installProbe.toString()})();` });
}

/** Chrome DevTools' slow 3G, as the issue names it: ~400 kbps each way, 400 ms round trip; CPU 4× slower. */
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
export const CPU_SLOWDOWN = 4;
const LOAD_TIMEOUT_MS = 60_000;

export async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

/**
 * One measured opening of `url`, from a blank page: going straight from the app's URL to another hash of it
 * would only move the router, not load anything.
 */
export async function measureLoad(page: Page, url: string): Promise<Interactive> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  const result = await Promise.race([page.evaluate(() => window.__interactive), new Promise<undefined>((resolve) => setTimeout(resolve, LOAD_TIMEOUT_MS))]);
  if (!result) throw new Error(`${url} showed no entry card to tap within ${LOAD_TIMEOUT_MS / 1000} s; it shows: ${(await page.locator('body').innerText()).slice(0, 300)}`);
  return result;
}

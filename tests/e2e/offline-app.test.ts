import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { H5_DIST } from '../../scripts/local/h5-build';
import { startWebServer } from '../../scripts/local/web-server';
import { screenshot } from '../support/browser';
import { demoToken, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { freePort } from '../support/ports';

/**
 * The H5 app as a ranger uses it in the forest: opened once with signal, then without — a reload still shows
 * the app with what it last knew, a page never opened before still opens, what is written waits on the phone,
 * and when the signal returns the offline note goes and what waited arrives.
 */
const stack = usePlatformInBrowser();
/** Generous: a cold function in the local runtime loads before its first answer on a shared machine. */
const API_WAIT = 60_000;
const RANGER = { id: 'demo-ranger', name: '王护林' };
const OFFLINE_NOTE = /网络不可用，正在显示上次的功能设置/;

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).filter({ visible: true }).first();
const link = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).filter({ visible: true }).first();
const titleInput = (page: Page) => page.locator('input[placeholder="一句话说明是什么事"]').filter({ visible: true });
const contentInput = (page: Page) => page.locator('textarea[placeholder="请写清楚问题或需求，以及您的建议"]').filter({ visible: true });

async function mySuggestionsTitled(title: string): Promise<unknown[]> {
  const base = stack.platform().apiUrl;
  const reply = await fetch(`${base}/suggestions/mine?limit=50`, { headers: { authorization: `Bearer ${await demoToken(base, RANGER.id)}` } });
  const { items } = (await reply.json()) as { items: Array<{ title: string }> };
  return items.filter((item) => item.title === title);
}

/** Whether the page's code and shell come from the service worker (it took over once everything was cached). */
const controlledByServiceWorker = (page: Page) =>
  page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });

describe('the H5 app offline', () => {
  it('reloads, opens a page never opened and keeps a suggestion offline, then drops the note and sends it online', async () => {
    const page = await signInAs(stack.browser(), stack.platform().webUrl, RANGER.name);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: API_WAIT });
    expect(await controlledByServiceWorker(page)).toBe(true);
    const chunkFailures: string[] = [];
    page.on('console', (message) => {
      if (/chunk .*failed/i.test(message.text())) chunkFailures.push(message.text());
    });

    await page.context().setOffline(true);
    await page.reload();
    await shown(page, '功能服务').waitFor({ timeout: API_WAIT });
    await shown(page, OFFLINE_NOTE).waitFor({ timeout: API_WAIT });
    await screenshot(page, 'offline-app-reloaded');

    // The suggestion box was never opened: its pages' code comes from the service worker's cache.
    await link(page, '意见箱').click();
    await button(page, '我要提意见').click({ timeout: API_WAIT });
    await titleInput(page).waitFor({ timeout: API_WAIT });
    const title = `离线打开的意见${Date.now() % 100_000}`;
    await titleInput(page).fill(title);
    await button(page, '工作').click();
    await contentInput(page).fill('三号瞭望塔上山的路被雪压倒的树挡住了，请安排清理。');
    await button(page, '提交').click();
    await shown(page, '意见已保存在手机上（待发送）', { exact: false }).waitFor({ timeout: API_WAIT });
    await screenshot(page, 'offline-app-written');

    // Home, and a second reload there without network: the app still shows what waits on the phone.
    await page.goBack();
    await page.goBack();
    await shown(page, '待发送（1）：联网后自动提交').waitFor({ timeout: API_WAIT });
    await page.reload();
    await shown(page, '功能服务').waitFor({ timeout: API_WAIT });
    await shown(page, '待发送（1）：联网后自动提交').waitFor({ timeout: API_WAIT });
    await shown(page, `意见：${title} · 待发送`).waitFor();
    await shown(page, OFFLINE_NOTE).waitFor();
    await screenshot(page, 'offline-app-outbox-after-reload');
    expect(await mySuggestionsTitled(title)).toHaveLength(0);

    await page.context().setOffline(false);
    await shown(page, OFFLINE_NOTE).waitFor({ state: 'hidden', timeout: API_WAIT });
    await shown(page, '待发送（1）：联网后自动提交').waitFor({ state: 'hidden', timeout: API_WAIT });
    await screenshot(page, 'offline-app-back-online');
    expect(await mySuggestionsTitled(title)).toHaveLength(1);
    expect(chunkFailures).toEqual([]);
  }, 300_000);
});

/** Stops a web server now, open keep-alive connections included (the next deployment takes its port). */
const stopServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('a new deployment of the H5 app', () => {
  let site: string;
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  it('offers 「有新版本，点此刷新」 and switches to the new version on the tap', async () => {
    // The site is a copy of the build served by the local web server, so a deployment can replace it.
    site = mkdtempSync(join(tmpdir(), 'fpp-h5-site-'));
    cpSync(H5_DIST, site, { recursive: true });
    const port = await freePort();
    const apiPort = Number(new URL(stack.platform().apiUrl).port);
    let server = await startWebServer({ root: site, port, apiPort });
    const webUrl = `http://localhost:${port}`;
    try {
      const page = await signInAs(stack.browser(), webUrl, RANGER.name);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: API_WAIT });
      expect(await page.getByText('有新版本，点此刷新').filter({ visible: true }).count()).toBe(0);

      // Deploy: a changed service worker (a new build changes its precache list) on the same address.
      await stopServer(server);
      appendFileSync(join(site, 'sw.js'), '\n// deployment 2\n');
      server = await startWebServer({ root: site, port, apiPort });
      const firstWorker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? '');

      // The member comes back to the app: it looks for a new version and offers it.
      await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
      await shown(page, '有新版本，点此刷新').waitFor({ timeout: API_WAIT });
      await screenshot(page, 'update-offered');
      const reloaded = page.waitForEvent('load', { timeout: API_WAIT });
      await shown(page, '有新版本，点此刷新').click();
      await reloaded;
      await shown(page, '功能服务').waitFor({ timeout: API_WAIT });
      const after = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return { waiting: registration.waiting !== null, active: registration.active?.scriptURL ?? '' };
      });
      expect(after).toEqual({ waiting: false, active: firstWorker });
      expect(await page.getByText('有新版本，点此刷新').filter({ visible: true }).count()).toBe(0);
    } finally {
      await stopServer(server);
    }
  }, 300_000);
});

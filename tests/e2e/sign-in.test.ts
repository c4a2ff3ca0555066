import type { Browser } from 'playwright-core';
import { launchBrowser, phonePage, screenshot } from '../support/browser';
import { startPlatform, type RunningPlatform } from '../support/platform';
import { shown } from '../support/e2e';

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 30_000);

describe('signing in on the H5 app served by npm start', () => {
  it('lets a ranger pick a demo account, see the home page with every capability, and open "me"', async () => {
    const page = await phonePage(browser);
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await page.goto(`${platform.webUrl}/`);
    await shown(page, '王护林').click({ timeout: 30_000 });

    await shown(page, '智慧党建').waitFor({ timeout: 20_000 });
    for (const title of ['意见箱', '党费', '活动报名', '功能反馈', '学习课程']) {
      await shown(page, title, { exact: true }).waitFor();
    }
    await screenshot(page, 'home-ranger');

    // H5 has the mini-program's title bar; from a second page its back arrow returns.
    const titleBar = page.locator('#taro-navigation-bar');
    await titleBar.waitFor({ state: 'visible' });
    expect(await titleBar.locator('.taro-navigation-bar-title').innerText()).toBe('智慧党建');

    await shown(page, '我的', { exact: true }).click();
    await shown(page, '壮志林场党支部').waitFor({ timeout: 20_000 });
    await shown(page, '上级党委', { exact: true }).waitFor();
    await shown(page, '松岭林业局党委').waitFor();
    expect(await shown(page, '所属公司').count()).toBe(0);
    await shown(page, '护林员').waitFor();
    await screenshot(page, 'me-ranger');
    const back = titleBar.locator('.taro-navigation-bar-back');
    await back.waitFor({ state: 'visible' });
    await back.click();
    await shown(page, '功能服务').waitFor({ timeout: 20_000 });
    // The icon is inline: no request for /favicon.ico, and nothing else the app asks for is missing.
    expect(missing).toEqual([]);
  }, 90_000);

  it('sends someone without a session to the login page', async () => {
    const page = await phonePage(browser);
    await page.goto(`${platform.webUrl}/#/pages/me/index`);
    await shown(page, '演示账号').waitFor({ timeout: 20_000 });
  }, 60_000);
});

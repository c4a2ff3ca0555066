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
    await page.goto(`${platform.webUrl}/`);
    await shown(page, '王护林').click({ timeout: 30_000 });

    await shown(page, '智慧党建').waitFor({ timeout: 20_000 });
    for (const title of ['意见箱', '党费', '活动报名', '功能反馈', '学习课程']) {
      await shown(page, title, { exact: true }).waitFor();
    }
    await screenshot(page, 'home-ranger');

    await shown(page, '我的', { exact: true }).click();
    await shown(page, '壮志林场党支部').waitFor({ timeout: 20_000 });
    await shown(page, '松岭林业局党委').waitFor();
    await shown(page, '护林员').waitFor();
    await screenshot(page, 'me-ranger');
  }, 90_000);

  it('sends someone without a session to the login page', async () => {
    const page = await phonePage(browser);
    await page.goto(`${platform.webUrl}/#/pages/me/index`);
    await shown(page, '演示账号').waitFor({ timeout: 20_000 });
  }, 60_000);
});

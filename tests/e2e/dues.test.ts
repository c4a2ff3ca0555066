import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { signInAs as signIn, usePlatformInBrowser } from '../support/e2e';

const { platform, browser } = usePlatformInBrowser();

/** The page on top: Taro H5 keeps the pages below it in the document, hidden. */
const top = (page: Page) => page.locator('.taro_page').last();

/** Signed in as a demo account and on "my dues". */
async function signInAs(name: string): Promise<Page> {
  const page = await signIn(browser(), platform().webUrl, name);
  await page.getByRole('link', { name: '党费', exact: true }).click();
  await top(page).getByRole('heading', { name: '我的党费' }).waitFor({ timeout: 20_000 });
  return page;
}

const shanghaiMonthLabel = () => {
  const now = new Date(Date.now() + 8 * 3600_000);
  return `${now.getUTCFullYear()}年${now.getUTCMonth() + 1}月`;
};

describe('party dues in the H5 app served by npm start', () => {
  it('lets a ranger pay this month\'s bill through the local payment simulator and see it paid and on the ledger', async () => {
    const page = await signInAs('王护林');
    const month = shanghaiMonthLabel();
    await top(page).getByText(/待缴 \d+ 个月/).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'dues-my-bills');

    await top(page).getByRole('link', { name: `${month}党费` }).click();
    await top(page).getByText('月工资收入 4200.00 元 × 1% = 42.00 元（四舍五入到分）').waitFor({ timeout: 20_000 });
    await top(page).getByRole('button', { name: '缴纳 42.00 元' }).click();
    await top(page).getByText('本地演示环境：没有接入真实的微信支付').waitFor({ timeout: 20_000 });
    await screenshot(page, 'dues-pay-simulator');
    await top(page).getByRole('button', { name: '模拟微信支付' }).click();
    await top(page).getByText('缴纳成功，已记入党费账本').waitFor({ timeout: 30_000 });
    await top(page).getByText('已缴纳').first().waitFor();
    await top(page).getByText('微信支付').first().waitFor();
    await screenshot(page, 'dues-paid');

    await page.goBack();
    await top(page).getByRole('link', { name: '我的账本记录' }).click();
    await top(page).getByText(/核验通过：\d+ 条记录内容完整/).waitFor({ timeout: 20_000 });
    const payment = top(page).locator('.card', { hasText: '在线缴纳' }).first();
    await payment.getByText('42.00 元').waitFor();
    await payment.getByText('核验通过').waitFor();
    await screenshot(page, 'dues-my-ledger');
  }, 180_000);

  it('shows finance the collection report and a verified ledger', async () => {
    const page = await signInAs('陈财务');
    await top(page).getByRole('link', { name: '党费管理' }).click();
    await top(page).getByRole('link', { name: '收缴报表与账本核验' }).click();
    await top(page).getByText('壮志林场党支部').first().waitFor({ timeout: 20_000 });
    await top(page).getByText('收缴率').first().waitFor();
    await top(page).getByRole('button', { name: '核验整本账' }).click();
    await top(page).getByText(/账本完整：共 \d+ 条记录/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'dues-finance-reports');
  }, 120_000);

  it('shows the branch secretary who has been unpaid six months in a row, with no removal', async () => {
    const page = await signInAs('张书记');
    await top(page).getByRole('link', { name: '党费管理' }).click();
    await top(page).getByRole('link', { name: '欠缴提醒' }).click();
    await top(page).getByText(/已连续 6 个月未缴/).first().waitFor({ timeout: 20_000 });
    await top(page).getByText(/平台不会自动处置/).first().waitFor();
    await screenshot(page, 'dues-secretary-arrears');
  }, 120_000);
});

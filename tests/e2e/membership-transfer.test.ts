import type { Page } from 'playwright-core';
import { clickSettled, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { expectReadablePage } from '../support/layout';

const stack = usePlatformInBrowser();
/** Waits on the API: generous, since a cold function loads its data before its first answer on a shared machine. */
const API_WAIT = 60_000;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).filter({ visible: true }).first();
const field = (page: Page, label: string) => page.locator(`[aria-label="${label}"] input, input[aria-label="${label}"]`).filter({ visible: true }).first();

describe('organisation transfer to another branch, and the member card after it', () => {
  it('moves a member, the receiving secretary accepts, the card shows the new branch and another phone verifies it offline', async () => {
    const { webUrl } = stack.platform();
    const browser = stack.browser();

    // The sending secretary asks for the transfer and issues the 介绍信, picking the member and branch by name.
    const sending = await signInAs(browser, webUrl, '张书记');
    await sending.goto(`${webUrl}/#/pages/me/index`);
    await sending.getByRole('link', { name: '我的党员档案' }).click({ timeout: API_WAIT });
    await sending.getByRole('link', { name: '组织关系转接' }).click({ timeout: API_WAIT });
    await sending.locator('input[placeholder="输入姓名、拼音或首字母"]').filter({ visible: true }).fill('wanghl');
    await button(sending, '选择王护林').click({ timeout: API_WAIT });
    await sending.locator('input[placeholder="输入支部名称筛选"]').filter({ visible: true }).fill('翠岗');
    await button(sending, '转入支部：翠岗林场党支部').click({ timeout: API_WAIT });
    await field(sending, '转接原因').fill('调往翠岗林场管护站工作');
    await button(sending, '提交转接申请').click();
    await shown(sending, '王护林：壮志林场党支部 → 翠岗林场党支部').waitFor({ timeout: API_WAIT });
    await button(sending, '开具介绍信').click();
    await shown(sending, '已开具介绍信').waitFor({ timeout: API_WAIT });
    await shown(sending, /^第 \d{4}-\d{4} 号，有效至/).scrollIntoViewIfNeeded();
    await expectReadablePage(sending, 'membership-1-letter-issued');

    // The receiving secretary, in another bureau, accepts.
    const receiving = await signInAs(browser, webUrl, '孙书记');
    await receiving.goto(`${webUrl}/#/membership/pages/transfers/index`);
    await shown(receiving, '王护林：壮志林场党支部 → 翠岗林场党支部').waitFor({ timeout: API_WAIT });
    await button(receiving, '接收').click();
    await shown(receiving, '已接收（回执）').waitFor({ timeout: API_WAIT });
    await shown(receiving, /党费账单 \d+ 笔，学习记录 \d+ 条/).waitFor();
    await expectReadablePage(receiving, 'membership-2-accepted');

    // The member's card now names the receiving branch.
    const member = await signInAs(browser, webUrl, '王护林');
    await member.goto(`${webUrl}/#/membership/pages/card/index`);
    await shown(member, '所在支部：翠岗林场党支部').waitFor({ timeout: API_WAIT });
    await member.getByRole('img', { name: '党员证二维码' }).filter({ visible: true }).waitFor();
    await expectReadablePage(member, 'membership-3-card');
    const token = (await member.locator('.membership-code').filter({ visible: true }).first().innerText()).trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);

    // The member verifies their record chain: the letter and the acceptance are in it, and it holds.
    await member.goto(`${webUrl}/#/membership/pages/history/index`);
    await shown(member, '档案链校验通过').waitFor({ timeout: API_WAIT });
    await shown(member, /^\d+\. 开具组织关系介绍信$/).waitFor();
    await shown(member, /^\d+\. 接收组织关系（回执）$/).waitFor();
    await shown(member, /壮志林场党支部 → 翠岗林场党支部，翠岗林场党支部 \d{4}-\d{2}-\d{2} 接收/).waitFor();
    await expectReadablePage(member, 'membership-3b-record-chain');

    // Another member's phone at a station without signal checks the card with the platform's public key alone.
    const other = await signInAs(browser, webUrl, '李机关');
    await other.goto(`${webUrl}/#/membership/pages/verify/index`);
    await field(other, '党员证编码').waitFor({ timeout: API_WAIT });
    await other.context().setOffline(true);
    await field(other, '党员证编码').fill(token);
    await button(other, '验证').click();
    try {
      await shown(other, '验证通过').waitFor({ timeout: 20_000 });
    } catch (error) {
      await expectReadablePage(other, 'membership-4-verify-failed');
      throw new Error(`${String(error)}\nthe page said: ${await other.locator('.verdict').filter({ visible: true }).allInnerTexts()}`);
    }
    await shown(other, '王护林 · 翠岗林场党支部 · 正式党员').waitFor();
    // Without a network the revocation check cannot be made, and the page says so.
    await shown(other, /未能联网核对是否注销/).waitFor({ timeout: 40_000 });
    await expectReadablePage(other, 'membership-4-verified-offline');

    // A card with one character changed does not pass, offline either.
    const forged = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    await field(other, '党员证编码').fill(forged);
    await clickSettled(button(other, '验证'));
    await shown(other, '验证未通过').waitFor({ timeout: 20_000 });
    await other.context().setOffline(false);
  }, 600_000);
});

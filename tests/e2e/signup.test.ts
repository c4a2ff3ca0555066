import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { demoToken, shown, signInAs, usePlatformInBrowser } from '../support/e2e';

const stack = usePlatformInBrowser();
const signIn = (name: string) => signInAs(stack.browser(), stack.platform().webUrl, name);

const detailUrl = (id: string) => `${stack.platform().webUrl}/#/signup/pages/detail/index?id=${id}`;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/**
 * Taps a button and waits for the answer the member should read. On this shared machine a cold local
 * function can overrun its timeout: the app then says the server answered badly, and the member taps again.
 */
async function tapUntil(page: Page, name: string, expected: string): Promise<void> {
  const wanted = shown(page, expected, { exact: true });
  const serverTrouble = shown(page, '服务器返回的数据有误，请稍后重试');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await button(page, name).click();
    await wanted.or(serverTrouble).first().waitFor({ timeout: 40_000 });
    if (await wanted.isVisible()) return;
  }
  await wanted.waitFor({ timeout: 1000 });
}

async function openDetail(page: Page, id: string): Promise<void> {
  await page.goto(detailUrl(id));
  await shown(page, '参加对象').waitFor({ timeout: 20_000 });
}

const tokenOf = (userId: string) => demoToken(stack.platform().apiUrl, userId);

describe('activity sign-up in the H5 app', () => {
  it('lets a secretary publish an activity; a member registers, cancels, and the waitlisted member is promoted', async () => {
    const secretary = await signIn('张书记');
    await secretary.getByRole('link', { name: '活动报名', exact: true }).click();
    await shown(secretary, '主题党日：重温入党誓词').waitFor({ timeout: 30_000 });
    await screenshot(secretary, 'signup-list');
    await button(secretary, '发起活动').click();
    await secretary.locator('input[placeholder="例如：主题党日：重温入党誓词"]:visible').fill('义务植树：苗圃补植');
    await secretary.locator('input[placeholder="例如：支部党员活动室"]:visible').fill('壮志林场苗圃');
    await secretary.locator('input[placeholder="名额人数"]:visible').fill('1');
    await secretary.locator('input[placeholder="候补人数"]:visible').fill('1');
    await secretary.getByRole('button', { name: '志愿服务', exact: true }).click();
    await screenshot(secretary, 'signup-edit');
    await button(secretary, '发布活动').click();
    await shown(secretary, '组织人操作').waitFor({ timeout: 20_000 });
    const id = new URL(secretary.url().replace('#', '')).searchParams.get('id')!;
    expect(id).toMatch(/^[a-z0-9]{20}$/);

    await button(secretary, '我要报名').click();
    await shown(secretary, '您已报名成功').waitFor({ timeout: 20_000 });

    const ranger = await signIn('王护林');
    await ranger.getByRole('link', { name: '活动报名', exact: true }).click();
    await ranger.getByRole('link', { name: '义务植树：苗圃补植' }).click();
    await shown(ranger, '名额已满，还可候补 1 人').waitFor({ timeout: 20_000 });
    await button(ranger, '报名候补').click();
    await shown(ranger, '您在候补名单第 1 位').waitFor({ timeout: 20_000 });
    await screenshot(ranger, 'signup-waitlisted');

    await button(secretary, '取消报名').click();
    await shown(secretary, '确定', { exact: true }).click();
    await shown(secretary, '您已取消报名').waitFor({ timeout: 20_000 });
    await screenshot(secretary, 'signup-cancelled');

    await openDetail(ranger, id);
    await shown(ranger, '您已由候补转为报名成功').waitFor({ timeout: 20_000 });
    await screenshot(ranger, 'signup-promoted');

    await ranger.goto(`${stack.platform().webUrl}/#/signup/pages/list/index`);
    await button(ranger, '我的报名').click();
    await shown(ranger, '您已由候补转为报名成功').waitFor({ timeout: 20_000 });
  }, 240_000);

  it('checks a member in with the code on the organiser\'s screen, and refuses the code shown before it rotated', async () => {
    const now = Date.now();
    const secretaryToken = await tokenOf('demo-secretary');
    const created = await fetch(`${stack.platform().apiUrl}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretaryToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientRequestId: `e2e-drill-${now}`,
        title: '森林防火扑救应急演练',
        type: 'drill',
        description: '模拟雷击火情',
        place: '防火物资储备库前广场',
        startAt: new Date(now + 10 * 60_000).toISOString(),
        endAt: new Date(now + 3 * 3_600_000).toISOString(),
        signupOpensAt: new Date(now - 3_600_000).toISOString(),
        signupDeadline: new Date(now + 5 * 60_000).toISOString(),
        capacity: 10,
        waitlistSize: 0,
        branchIds: [],
        categories: [],
        checkInRequired: true,
      }),
    });
    const id = ((await created.json()) as { activity: { id: string } }).activity.id;

    const ranger = await signIn('王护林');
    await openDetail(ranger, id);
    await button(ranger, '我要报名').click();
    await shown(ranger, '现场签到').waitFor({ timeout: 20_000 });

    const secretary = await signIn('张书记');
    await openDetail(secretary, id);
    await button(secretary, '出示签到二维码').click();
    const code = secretary.locator('.checkin-code');
    await code.waitFor({ timeout: 20_000 });
    await secretary.getByRole('img', { name: '签到二维码' }).waitFor();
    const oldCode = (await code.textContent())!.trim();
    expect(oldCode).toMatch(/^\d{6}$/);
    await screenshot(secretary, 'signup-checkin-qr');

    // The code on the wall changes; once the grace after the change is over, a photo of the old one is refused.
    await secretary.waitForFunction((old) => document.querySelector('.checkin-code')?.textContent?.trim() !== old, oldCode, { timeout: 40_000 });
    await secretary.waitForTimeout(16_000);
    const input = ranger.locator('input[placeholder="6 位签到码"]:visible');
    await input.fill(oldCode);
    await tapUntil(ranger, '签到', '签到码已过期，请扫描现场正在显示的二维码');
    await screenshot(ranger, 'signup-checkin-expired');

    const currentCode = (await code.textContent())!.trim();
    expect(currentCode).not.toBe(oldCode);
    await input.fill(currentCode);
    await tapUntil(ranger, '签到', '签到成功');
    await shown(ranger, /^已签到（\d\d:\d\d）$/).waitFor({ timeout: 20_000 });
    await screenshot(ranger, 'signup-checked-in');

    await secretary.goBack();
    await button(secretary, '报名与出勤名单').click();
    await shown(secretary, '王护林').waitFor({ timeout: 20_000 });
    await shown(secretary, /^签到 \d\d:\d\d$/).waitFor();
    await screenshot(secretary, 'signup-attendance');
  }, 240_000);
});

import type { Page } from 'playwright-core';
import { issueSession } from '../../shared/runtime/session';
import { screenshot } from '../support/browser';
import { demoToken, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { expectReadablePage } from '../support/layout';

const session = usePlatformInBrowser();
const signIn = (name: string) => signInAs(session.browser(), session.platform().webUrl, name);

const duesEntry = (page: Page) => page.getByRole('link', { name: '党费', exact: true });

describe('feature toggles in the app', () => {
  it('takes a feature off the home page when an admin turns its toggle off', async () => {
    const ranger = await signIn('王护林');
    await duesEntry(ranger).waitFor({ timeout: 20_000 });
    await screenshot(ranger, 'feedback-home-before');

    const admin = await signIn('杨管理');
    await admin.getByRole('link', { name: '功能反馈', exact: true }).click();
    await admin.getByRole('link', { name: '反馈管理' }).click();
    await admin.getByRole('link', { name: '功能开关' }).click();
    await admin.getByRole('button', { name: '编辑党费', exact: true }).click();
    await admin.getByRole('button', { name: '关闭', exact: true }).click();
    await admin.locator('.fb-input input').last().fill('试点期间暂停党费入口');
    await admin.getByRole('button', { name: '保存「党费」' }).click();
    await shown(admin, '已关闭').waitFor({ timeout: 20_000 });
    await screenshot(admin, 'feedback-toggles-dues-off');

    // The ranger comes back to the home page: the entry is gone (the app asks again whenever home shows).
    const deadline = Date.now() + 40_000;
    for (;;) {
      await ranger.reload();
      await shown(ranger, '功能服务').waitFor({ timeout: 20_000 });
      await ranger.getByRole('link', { name: '学习课程', exact: true }).waitFor({ timeout: 20_000 });
      await ranger.waitForTimeout(1500);
      if ((await duesEntry(ranger).count()) === 0) break;
      if (Date.now() > deadline) throw new Error('党费 is still on the home page after its toggle was turned off');
    }
    await screenshot(ranger, 'feedback-home-after');
    expect(await ranger.getByRole('link', { name: '意见箱', exact: true }).count()).toBe(1);

    // The audit log names the admin and the change.
    await admin.goBack();
    await admin.getByRole('link', { name: '调整记录' }).click();
    await shown(admin, '管理员 杨管理').waitFor({ timeout: 20_000 });
    await shown(admin, '说明：试点期间暂停党费入口').waitFor();
    await screenshot(admin, 'feedback-audit');
  }, 180_000);

  it('puts an entry an admin pins for rangers first on a ranger\'s home page', async () => {
    const admin = await signIn('杨管理');
    await admin.goto(`${session.platform().webUrl}/#/feedback/pages/home/index`);
    await admin.getByRole('button', { name: '调整护林员首页' }).click({ timeout: 30_000 });
    // The first chip group is the pins.
    await admin.locator('.fb-chips').filter({ visible: true }).first().getByRole('button', { name: '学习课程', exact: true }).click();
    await admin.getByRole('button', { name: '保存「护林员」首页' }).click();
    await shown(admin, /首页：学习课程（置顶）/).waitFor({ timeout: 20_000 });
    await screenshot(admin, 'feedback-home-layouts');

    const ranger = await signIn('王护林');
    const deadline = Date.now() + 40_000;
    for (;;) {
      const entries = ranger.getByRole('link').filter({ hasText: /意见箱|党费|活动报名|功能反馈|学习课程/ });
      await entries.first().waitFor({ timeout: 20_000 });
      if ((await entries.first().textContent())?.startsWith('学习课程')) break;
      if (Date.now() > deadline) throw new Error('学习课程 is not first on the ranger\'s home page after the admin pinned it');
      await ranger.reload();
    }
    await screenshot(ranger, 'feedback-home-pinned');
  }, 150_000);

  it('only revalidates a returning member\'s toggles: nothing changed, nothing downloaded', async () => {
    const ranger = await signIn('王护林');
    const statuses: number[] = [];
    ranger.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('/api/v1/toggles')) statuses.push(response.status());
    });
    // A 304 carries no body by definition: the phone's copy was current and nothing was downloaded.
    const deadline = Date.now() + 40_000;
    while (!statuses.includes(304)) {
      if (Date.now() > deadline) throw new Error(`no 304 for the toggles after reloading: ${statuses.join(', ')}`);
      await ranger.reload();
      await shown(ranger, '功能服务').waitFor({ timeout: 20_000 });
      await ranger.waitForTimeout(1500);
    }
    // The app goes on with its copy: the home page still has the ranger's entries.
    await ranger.getByRole('link', { name: '意见箱', exact: true }).waitFor({ timeout: 20_000 });
    await ranger.getByRole('link', { name: '学习课程', exact: true }).waitFor();

    // Without a copy on the phone the same request downloads the toggles again.
    await ranger.evaluate(() => localStorage.removeItem('fpp.toggles'));
    const downloaded = ranger.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/api/v1/toggles'));
    await ranger.reload();
    const fresh = await downloaded;
    expect(fresh.status()).toBe(200);
    expect(Object.keys(((await fresh.json()) as { features: Record<string, boolean> }).features).length).toBeGreaterThan(0);
  }, 120_000);

  it('shows an admin the dashboard of a feature with its charts', async () => {
    const admin = await signIn('杨管理');
    await admin.goto(`${session.platform().webUrl}/#/feedback/pages/dashboard/index?feature=courses`);
    await shown(admin, '使用与错误（次/天）').waitFor({ timeout: 30_000 });
    await admin.locator('canvas').first().waitFor({ timeout: 20_000 });
    await shown(admin, '护林员').waitFor();
    await screenshot(admin, 'feedback-dashboard-courses');
  }, 120_000);

  it('shows an admin why a guardrail paused a feature, with the members behind it', async () => {
    const { apiUrl, webUrl } = session.platform();
    // 30 rangers' phones report that 扫码签到 showed them an error (sessions as the platform signs them).
    const at = new Date().toISOString();
    for (let i = 0; i < 30; i += 1) {
      const member = { userId: `e2e-ranger-${i}`, name: `护林员${i}`, branchId: 'songling-zhuangzhi', category: 'ranger' as const, postTags: [], roles: ['member' as const], updatedAt: at };
      const { token } = await issueSession(member);
      const events = [
        { id: `e2e-${i}-opened`, feature: 'signup.qr-checkin', action: 'opened', at },
        { id: `e2e-${i}-error`, feature: 'signup.qr-checkin', action: 'error', at },
      ];
      const reply = await fetch(`${apiUrl}/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
      expect(reply.status).toBe(200);
    }
    const evaluated = await fetch(`${apiUrl}/feedback/evaluations`, { method: 'POST', headers: { authorization: `Bearer ${await demoToken(apiUrl, 'demo-admin')}` } });
    expect(((await evaluated.json()) as { paused: string[] }).paused).toContain('signup.qr-checkin');

    const admin = await signIn('杨管理');
    await admin.goto(`${webUrl}/#/feedback/pages/audit/index`);
    await shown(admin, '规则「错误率过高自动暂停」').waitFor({ timeout: 30_000 });
    await shown(admin, /近 1 小时有 30 名党员打开「扫码签到」，其中 30 名遇到错误/).waitFor();
    await shown(admin, '30 人打开，30 人遇到错误（每人每小时只计一次）').waitFor();
    await shown(admin, '大量党员报告错误，已自动暂停').waitFor();
    await expectReadablePage(admin, 'feedback-audit-guardrail');
  }, 150_000);

  it('lets a member rate a feature: 这个功能好用吗？', async () => {
    const ranger = await signIn('王护林');
    await ranger.getByRole('link', { name: '功能反馈', exact: true }).click();
    await ranger.getByRole('button', { name: '学习课程' }).click();
    await shown(ranger, '这个功能好用吗？').waitFor({ timeout: 20_000 });
    await ranger.getByRole('button', { name: '5 分，很好用' }).click();
    await ranger.locator('.feature-rating__comment textarea').fill('防火课程很实用');
    await screenshot(ranger, 'feedback-rating');
    await ranger.getByRole('button', { name: '提交评价' }).click();
    await shown(ranger, '谢谢您的评价和意见！').waitFor({ timeout: 20_000 });
  }, 120_000);
});

import { screenshot } from '../support/browser';
import { shown, signInAs, usePlatformInBrowser } from '../support/e2e';

const running = usePlatformInBrowser();

describe('failed notices in the H5 app', () => {
  it('shows an admin a notice WeCom refused, with its reason, and queues it again on 重新发送', async () => {
    const admin = await signInAs(running.browser(), running.platform().webUrl, '杨管理');
    await admin.goto(`${running.platform().webUrl}/#/courses/pages/push/index`);
    await admin.getByRole('button', { name: '查看并重新发送失败的消息' }).click({ timeout: 120_000 });
    // The demo organisation's notice that failed during a WeCom outage (seeded through the outbox's retries).
    const resend = admin.getByRole('button', { name: '重新发送：本周学习推荐' });
    await resend.waitFor({ timeout: 60_000 });
    await shown(admin, '企业微信消息发送失败（-1）').waitFor({ timeout: 30_000 });
    await shown(admin, '2 人').waitFor({ timeout: 30_000 });
    await screenshot(admin, 'failed-notices');

    await resend.click();
    // The local platform has no WeCom credentials, so the new attempt fails too: the notice goes back to the
    // retry queue (not failed any more), and the page says so.
    await shown(admin, '本周学习推荐（2 人）：这次仍未发出，稍后会自动重试').waitFor({ timeout: 60_000 });
    await shown(admin, '没有发送失败的消息').waitFor({ timeout: 30_000 });
    await screenshot(admin, 'failed-notices-redriven');
  }, 240_000);
});

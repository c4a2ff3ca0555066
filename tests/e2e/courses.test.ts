import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { readChapterFor } from '../support/course-reading';
import { shown, signInAs, usePlatformInBrowser } from '../support/e2e';

const running = usePlatformInBrowser();

async function openCourses(name: string): Promise<Page> {
  const page = await signInAs(running.browser(), running.platform().webUrl, name);
  await shown(page, '学习课程', { exact: true }).click({ timeout: 30_000 });
  await shown(page, '为你推荐', { exact: true }).waitFor({ timeout: 30_000 });
  // The first call wakes the function in the local runtime, which is slow on a busy machine.
  await page.locator('.course-reason').first().waitFor({ timeout: 120_000 });
  return page;
}

/** The recommended courses as the member sees them: title and reasons of each card under 为你推荐. */
async function recommendations(page: Page): Promise<Array<{ title: string; reasons: string[] }>> {
  return page.locator('.card').filter({ has: page.locator('.course-reason') }).evaluateAll((cards) =>
    cards.map((card) => ({
      title: card.querySelector('.card-title')?.textContent ?? '',
      reasons: Array.from(card.querySelectorAll('.course-reason'), (reason) => reason.textContent ?? ''),
    })),
  );
}

describe('courses in the H5 app', () => {
  it('recommends different courses with reasons to a ranger and an office member', async () => {
    const rangerPage = await openCourses('王护林');
    const officePage = await openCourses('李机关');
    const ranger = await recommendations(rangerPage);
    const office = await recommendations(officePage);
    await screenshot(rangerPage, 'courses-ranger');
    await screenshot(officePage, 'courses-office');

    expect(ranger.length).toBeGreaterThanOrEqual(5);
    expect(office.length).toBeGreaterThanOrEqual(5);
    for (const item of [...ranger, ...office]) expect(item.reasons.length).toBeGreaterThan(0);
    expect(ranger.map((item) => item.title)).not.toEqual(office.map((item) => item.title));
    expect(ranger.flatMap((item) => item.reasons).join(' ')).toMatch(/适合(护林|防火瞭望|护林员)/);
    expect(office.flatMap((item) => item.reasons).join(' ')).toMatch(/适合(企业管理|政策研究|机关)/);
    await rangerPage.context().close();
    await officePage.context().close();
  }, 240_000);

  it('credits nothing for tapping 完成学习 unread, and the measured hours once the chapters are read', async () => {
    const page = await openCourses('王护林');
    const hoursBefore = Number((await page.locator('.course-figure').first().textContent())!.split('/')[0]!.trim());
    // The reading timer runs on the page's clock: fast-forwarded here instead of waiting twenty minutes.
    await page.clock.install();
    await page.goto(`${running.platform().webUrl}/#/courses/pages/detail/index?id=fire-patrol-routes`);
    await page.getByRole('button', { name: '完成学习' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '完成学习' }).click();
    await shown(page, /还不能计入学时：「按林班规划巡护路线」已阅读 0 秒/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'course-unread-refused');

    await shown(page, '先看图，再走路').waitFor();
    await readChapterFor(page, 10);
    await page.getByRole('button', { name: '第 2 节 巡护日志怎么写' }).click();
    await shown(page, '日志是证据').waitFor();
    await readChapterFor(page, 10);
    await shown(page, '学习进度 100%').waitFor({ timeout: 30_000 });
    await screenshot(page, 'course-read-ranger');
    await page.getByRole('button', { name: '完成学习' }).click();
    const done = shown(page, /已完成学习，计入 [\d.]+ 学时，本年度累计 [\d.]+ 学时/);
    await done.waitFor({ timeout: 30_000 });
    const [, credited, total] = (await done.textContent())!.match(/计入 ([\d.]+) 学时，本年度累计 ([\d.]+) 学时/)!;
    // Two chapters of ten minutes read: 0.3 h (whole tenths) of the course's 1.
    expect(Number(credited)).toBe(0.3);
    expect(Number(total)).toBeCloseTo(hoursBefore + Number(credited), 5);
    await screenshot(page, 'course-completed-ranger');
    const studied = { title: '护林员巡护路线规划与巡护日志' };

    await page.goBack();
    await shown(page, '我的学时与必修课').click();
    // Taro keeps earlier pages in the DOM, hidden: look only at what is on screen now.
    await page.locator('.section-title:visible', { hasText: '本年度已完成' }).waitFor({ timeout: 30_000 });
    await page.locator('.course-figure:visible', { hasText: `${total} / 32` }).waitFor({ timeout: 30_000 });
    await page.locator('.info-row__label:visible', { hasText: studied.title }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'course-study-ranger');
  }, 240_000);

  it('lets an admin set quiet hours for the weekly push, refusing a time that does not exist', async () => {
    const admin = await signInAs(running.browser(), running.platform().webUrl, '杨管理');
    await admin.goto(`${running.platform().webUrl}/#/courses/pages/push/index`);
    const quietStart = admin.locator('[aria-label="免打扰开始"] input:visible');
    await quietStart.waitFor({ timeout: 60_000 });
    await quietStart.fill('25:00');
    await admin.getByRole('button', { name: '保存推送设置' }).click();
    await shown(admin, '时间格式应为 HH:mm').waitFor({ timeout: 30_000 });
    await quietStart.fill('21:30');
    await admin.getByRole('button', { name: '保存推送设置' }).click();
    await shown(admin, '推送设置已保存，下次推送起生效').waitFor({ timeout: 30_000 });
    await screenshot(admin, 'course-push-settings');
    // What the next push will use, read back as a fresh page would.
    await admin.reload();
    await admin.locator('[aria-label="免打扰开始"] input:visible').waitFor({ timeout: 60_000 });
    expect(await admin.locator('[aria-label="免打扰开始"] input:visible').inputValue()).toBe('21:30');
  }, 180_000);
});

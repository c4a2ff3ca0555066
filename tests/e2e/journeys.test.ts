import type { Page } from 'playwright-core';
import { phonePage } from '../support/browser';
import { goHome, openEntry, postSuggestionAs, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { expectReadablePage, horizontalOverflow, missingGlyphs } from '../support/layout';

/**
 * One journey per role across the capabilities, on a phone-sized screen: every page passed is saved as a
 * screenshot and checked for sideways overflow and for characters drawn as missing-glyph boxes.
 */
const stack = usePlatformInBrowser();
/** A cold local function compiles on its first call, slowly on a shared machine. */
const API_WAIT = 60_000;
const signIn = (name: string) => signInAs(stack.browser(), stack.platform().webUrl, name);
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const link = (page: Page, name: string | RegExp) => page.getByRole('link', { name, exact: typeof name === 'string' });
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });

const home = (page: Page) => goHome(page, stack.platform().webUrl, API_WAIT);
const open = (page: Page, entry: string) => openEntry(page, stack.platform().webUrl, entry);

/** A suggestion posted through the API the way the app sends it, for what the journey only looks at. */
async function postSuggestion(userId: string, title: string, content: string): Promise<void> {
  expect(await postSuggestionAs(stack.platform().apiUrl, userId, { title, content })).toBeLessThan(300);
}

describe('the layout checks the journeys rely on', () => {
  it('catch a character no font has and an element running off the right edge, and pass Chinese text', async () => {
    const page = await phonePage(stack.browser());
    await page.setContent(
      `<body style="margin:0;font-family:'Noto Sans CJK SC',sans-serif"><p>智慧党建，护林防火。ABC 123</p><p>私用区\u{E000}字符</p>` +
        `<div data-scrolls-sideways style="overflow-x:auto"><div style="width:900px">可以横着滑动的一行</div></div>` +
        // Like Taro's page container: it scrolls vertically, which makes it scroll sideways too.
        `<div class="taro_page" style="height:200px;overflow-y:auto"><p>页面内容</p></div></body>`,
    );
    expect(await missingGlyphs(page)).toEqual([expect.stringMatching(/^U\+E000 in "私用区/)]);
    expect(await horizontalOverflow(page)).toEqual([]);

    await page.evaluate(() => document.querySelector('.taro_page')!.insertAdjacentHTML('beforeend', '<div class="too-wide" style="width:420px">太宽的卡片</div>'));
    expect(await horizontalOverflow(page)).toEqual([expect.stringContaining('<div.too-wide> "太宽的卡片" ends at 420px')]);
    await page.evaluate(() => document.querySelector('.too-wide')!.remove());

    // Cut off by a box that hides its overflow: the member still loses the end of it.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="overflow:hidden"><p class="cut" style="width:500px">被截断的说明文字</p></div>'));
    expect(await horizontalOverflow(page)).toEqual([expect.stringContaining('<p.cut>')]);

    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div class="wide-banner" style="width:400px">太宽的横幅</div>'));
    expect(await horizontalOverflow(page)).toContain('the page scrolls sideways: 400px wide in a 375px viewport');
    await page.context().close();

    // The same inside the app as Taro lays it out: a too-wide card on the page on screen, and a missing glyph.
    const app = await signIn('李机关');
    expect(await horizontalOverflow(app)).toEqual([]);
    await app.locator('.card:visible').first().evaluate((card) => {
      card.insertAdjacentHTML('afterend', '<div class="card injected" style="width:420px">太宽的卡片\u{E000}</div>');
    });
    expect(await horizontalOverflow(app)).toEqual([expect.stringContaining('<div.card.injected>')]);
    expect(await missingGlyphs(app)).toEqual([expect.stringContaining('U+E000')]);
    await app.context().close();
  }, 120_000);
});

describe('role journeys in the H5 app on a phone', () => {
  it('a ranger makes a suggestion, checks the dues ledger, cancels a registration, browses courses and rates a feature', async () => {
    const page = await signIn('王护林');
    await expectReadablePage(page, 'journey-ranger-home');

    await open(page, '意见箱');
    await shown(page, '我的意见').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-suggestions');
    await button(page, '我要提意见').click();
    await page.locator('input[placeholder="一句话说明是什么事"]').fill('巡护便道塌方');
    await button(page, '工作').click();
    await page.locator('textarea[placeholder="请写清楚问题或需求，以及您的建议"]').fill('12 林班巡护便道雨后塌方两处，摩托车过不去，希望尽快安排修整。');
    await expectReadablePage(page, 'journey-ranger-suggestion-form');
    await button(page, '提交').click();
    await shown(page, '已提交，支部会尽快办理').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-suggestion-sent');

    await open(page, '党费');
    await heading(page, '我的党费').waitFor({ timeout: API_WAIT });
    await shown(page, /待缴 \d+ 个月/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-dues');
    await link(page, '我的账本记录').click();
    await shown(page, /核验通过：\d+ 条记录内容完整/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-ledger');

    await open(page, '活动报名');
    await link(page, /专题学习：森林防火条例与野外用火管理/).click({ timeout: API_WAIT });
    await shown(page, '参加对象').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-activity');
    await button(page, '取消报名').click();
    await shown(page, '确定', { exact: true }).click();
    await shown(page, '您已取消报名').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-activity-cancelled');

    await open(page, '学习课程');
    await shown(page, '为你推荐', { exact: true }).waitFor({ timeout: API_WAIT });
    await page.locator('.course-reason').first().waitFor({ timeout: 120_000 });
    await expectReadablePage(page, 'journey-ranger-courses');
    await button(page, '全部课程').click();
    await heading(page, /课程/).waitFor({ timeout: API_WAIT });
    await page.locator('.card:visible').first().waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-course-list');

    await open(page, '功能反馈');
    await button(page, '意见箱').click({ timeout: API_WAIT });
    await shown(page, '这个功能好用吗？').waitFor({ timeout: API_WAIT });
    await button(page, '5 分，很好用').click();
    await expectReadablePage(page, 'journey-ranger-rating');
    await button(page, '提交评价').click();
    await shown(page, /^谢谢您的评价/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-ranger-rated');
  }, 600_000);

  it('an older member turns on 大字模式 and reads dues, activities, courses and the suggestion form in it', async () => {
    const page = await signIn('赵老党员');
    await page.goto(`${stack.platform().webUrl}/#/pages/me/index`);
    await page.locator('taro-switch-core[aria-label="大字模式"]').click({ timeout: API_WAIT });
    await page.waitForFunction(() => document.documentElement.classList.contains('fpp-large-text'));
    await expectReadablePage(page, 'journey-large-text-me');
    await home(page);
    await expectReadablePage(page, 'journey-large-text-home');

    await open(page, '党费');
    await shown(page, /待缴 \d+ 个月|已缴/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-large-text-dues');
    await link(page, /^\d{4}年\d{1,2}月党费/).first().click();
    await button(page, /^缴纳 [\d.]+ 元$/).or(shown(page, '已缴纳')).first().waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-large-text-bill');

    await open(page, '活动报名');
    await link(page, /主题党日：重温入党誓词/).click({ timeout: API_WAIT });
    await shown(page, '参加对象').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-large-text-activity');

    await open(page, '学习课程');
    await page.locator('.course-reason').first().waitFor({ timeout: 120_000 });
    await expectReadablePage(page, 'journey-large-text-courses');

    await open(page, '意见箱');
    await button(page, '我要提意见').click({ timeout: API_WAIT });
    await page.locator('input[placeholder="一句话说明是什么事"]').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-large-text-suggestion-form');
  }, 600_000);

  it('a branch secretary reviews the branch’s activities, arrears and study, and answers a suggestion', async () => {
    const title = '防火瞭望塔爬梯松动';
    await postSuggestion('demo-ranger', title, '3 号瞭望塔爬梯有两颗螺栓松动，上下不安全，请安排加固。');
    const page = await signIn('张书记');
    await expectReadablePage(page, 'journey-secretary-home');

    await open(page, '活动报名');
    await shown(page, '主题党日：重温入党誓词').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-secretary-activities');
    await button(page, '支部出勤统计').click();
    await shown(page, '壮志林场党支部').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-secretary-attendance-report');

    await open(page, '党费');
    await link(page, '党费管理').click({ timeout: API_WAIT });
    await link(page, '欠缴提醒').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-secretary-dues-manage');
    await link(page, '欠缴提醒').click();
    await shown(page, /已连续 \d+ 个月未缴/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-secretary-arrears');

    await open(page, '意见箱');
    await link(page, '意见办理').click({ timeout: API_WAIT });
    await link(page, new RegExp(title)).click({ timeout: API_WAIT });
    await shown(page, '王护林 · 壮志林场党支部', { exact: false }).waitFor({ timeout: API_WAIT });
    await page.locator('textarea[placeholder="写明办理结果或安排，提交人会看到"]').fill('已联系林场维修班，本周内加固。');
    await expectReadablePage(page, 'journey-secretary-suggestion');
    await button(page, '提交答复').click();
    await shown(page, '张书记 的答复').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-secretary-suggestion-answered');

    await open(page, '学习课程');
    await button(page, '支部学习情况').click({ timeout: API_WAIT });
    await shown(page, '必修课完成情况').waitFor({ timeout: 120_000 });
    await expectReadablePage(page, 'journey-secretary-branch-study');
  }, 600_000);

  it('finance checks the bases, the offline payment form and verifies the whole ledger', async () => {
    const page = await signIn('陈财务');
    await open(page, '党费');
    await link(page, '党费管理').click({ timeout: API_WAIT });
    await link(page, '党费基数').click({ timeout: API_WAIT });
    await shown(page, '设置一名党员的基数').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-finance-bases');
    await page.goBack();
    await link(page, '登记线下缴纳').click();
    await shown(page, '党员', { exact: true }).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-finance-offline');
    await page.goBack();
    await link(page, '收缴报表与账本核验').click();
    await shown(page, '收缴率', { exact: false }).waitFor({ timeout: API_WAIT });
    await button(page, '核验整本账').click();
    await shown(page, /账本完整：共 \d+ 条记录/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-finance-reports');
  }, 600_000);

  it('a reviewer clears a held suggestion from the review queue', async () => {
    const title = '关于群里传言的反映';
    await postSuggestion('demo-office', title, '群里有人转发“中共腐败”之类的说法，希望支部组织学习澄清。');
    const page = await signIn('刘审核');
    await expectReadablePage(page, 'journey-reviewer-home');
    await open(page, '意见箱');
    await link(page, '审核队列').click({ timeout: API_WAIT });
    await shown(page, title).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-reviewer-queue');
    await button(page, `通过：${title}`).click();
    await shown(page, title).waitFor({ state: 'detached', timeout: API_WAIT });
    await expectReadablePage(page, 'journey-reviewer-queue-cleared');
  }, 600_000);

  it('an admin looks over feedback, toggles, a dashboard and early warnings, and imports a course', async () => {
    const page = await signIn('杨管理');
    await expectReadablePage(page, 'journey-admin-home');

    await open(page, '功能反馈');
    await link(page, '反馈管理').click({ timeout: API_WAIT });
    await shown(page, '近 7 天各功能', { exact: false }).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-admin-feedback');
    await link(page, '功能开关').click();
    await button(page, '编辑党费').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-admin-toggles');
    await page.goto(`${stack.platform().webUrl}/#/feedback/pages/dashboard/index?feature=suggestions`);
    await shown(page, '使用与错误（次/天）').waitFor({ timeout: API_WAIT });
    await page.locator('canvas').first().waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-admin-dashboard');

    await open(page, '意见箱');
    await link(page, '舆情预警').click({ timeout: API_WAIT });
    await heading(page, /预警/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-admin-alerts');

    await open(page, '学习课程');
    await button(page, '课程管理').click({ timeout: API_WAIT });
    await shown(page, '导入课程（CSV）').waitFor({ timeout: API_WAIT });
    await page
      .locator('.course-csv textarea')
      .fill('课程编号,课程名称,简介,类型,学时,标签,适用类别,适用岗位,必修,截止日期,状态\njourney-2027,冬季防火巡护要点,冬季巡护与火源管控,视频课,1,森林防火,护林员,护林,选修,,上架');
    await button(page, '导入课程').click();
    // What the admin is told, success or not, so a refusal shows up in the failure.
    const outcome = page.getByRole('status').filter({ hasText: '导入' }).or(page.getByRole('alert')).first();
    await outcome.waitFor({ timeout: API_WAIT });
    expect(await outcome.textContent()).toBe('已导入 1 门课程（新增 1，更新 0）');
    await expectReadablePage(page, 'journey-admin-course-import');
    await page.goBack();
    await button(page, '课程推送').click();
    await shown(page, '最近的推送').waitFor({ timeout: API_WAIT });
    await expectReadablePage(page, 'journey-admin-course-push');
  }, 600_000);
});

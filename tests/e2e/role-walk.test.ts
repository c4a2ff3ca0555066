import type { Page } from 'playwright-core';
import { ISSUE_23_PHONE } from '../support/browser';
import { readChapterFor } from '../support/course-reading';
import { fieldsAskingForIds, openEntry, publishActivityAs, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { expectReadablePage } from '../support/layout';

/**
 * Issue #23's walk: each role's main task on a 390×844 phone, as a new user would do it, with no id typed
 * anywhere. Every step is saved as a screenshot (artifacts/screenshots/walk-*) and checked for what the member
 * sees; every page passed is checked for a field asking for an account or branch id.
 */
const stack = usePlatformInBrowser();
/** A cold local function compiles on its first call, slowly on a shared machine. */
const API_WAIT = 60_000;
const signIn = (name: string) => signInAs(stack.browser(), stack.platform().webUrl, name, ISSUE_23_PHONE);
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const link = (page: Page, name: string | RegExp) => page.getByRole('link', { name, exact: typeof name === 'string' });

/** Saves the step's screenshot (failing on overflow or missing glyphs) and fails if a visible field asks for an id. */
async function step(page: Page, name: string): Promise<void> {
  await expectReadablePage(page, `walk-${name}`);
  expect({ step: name, fieldsAskingForIds: await fieldsAskingForIds(page) }).toEqual({ step: name, fieldsAskingForIds: [] });
}

const open = (page: Page, entry: string) => openEntry(page, stack.platform().webUrl, entry);

const shanghaiMonthLabel = () => {
  const now = new Date(Date.now() + 8 * 3600_000);
  return `${now.getUTCFullYear()}年${now.getUTCMonth() + 1}月`;
};

const SUGGESTION = { title: '防火期巡护配发信号弹', content: '进入防火期后巡护员上山都要带信号弹和砍刀，希望林场统一配发并登记，年底统一回收。' };
const ACTIVITY = { title: '林下经济技术培训：蓝莓抚育', place: '壮志林场会议室', description: '请林业站技术员讲解蓝莓抚育和病虫害防治，欢迎党员带着问题来。' };
const COURSE = { title: '护林员巡护路线规划与巡护日志', firstChapterText: '先看图，再走路', secondChapter: '第 2 节 巡护日志怎么写', secondChapterText: '日志是证据' };

describe('issue #23: each role walks its main task on a 390×844 phone, with no id typed anywhere', () => {
  beforeAll(async () => {
    // The branch's secretary has published an activity the member has not joined yet.
    await publishActivityAs(stack.platform().apiUrl, 'demo-secretary', ACTIVITY);
  }, API_WAIT);

  it('member: writes a suggestion, pays this month’s dues, signs up for an activity and studies a course', async () => {
    const page = await signIn('王护林');
    await step(page, 'member-1-home');

    await open(page, '意见箱');
    await button(page, '我要提意见').click({ timeout: API_WAIT });
    await page.locator('input[placeholder="一句话说明是什么事"]').fill(SUGGESTION.title);
    await button(page, '工作').click();
    await page.locator('textarea[placeholder="请写清楚问题或需求，以及您的建议"]').fill(SUGGESTION.content);
    await step(page, 'member-2-suggestion-form');
    await button(page, '提交').click();
    // Field words (信号弹, 砍刀) pass moderation: sent to the branch, not held.
    await shown(page, '已提交，支部会尽快办理').waitFor({ timeout: API_WAIT });
    await step(page, 'member-3-suggestion-sent');

    const month = shanghaiMonthLabel();
    await open(page, '党费');
    const bill = link(page, `${month}党费`).filter({ visible: true });
    await bill.getByText('待缴纳').waitFor({ timeout: API_WAIT });
    await step(page, 'member-4-dues-unpaid');
    await bill.click();
    await button(page, /^缴纳 [\d.]+ 元$/).click({ timeout: API_WAIT });
    // The local WeChat Pay simulator the dues test pays with: no real payment is made.
    await shown(page, '本地演示环境：没有接入真实的微信支付').waitFor({ timeout: API_WAIT });
    await step(page, 'member-5-dues-pay');
    await button(page, '模拟微信支付').click();
    await shown(page, '缴纳成功，已记入党费账本').waitFor({ timeout: API_WAIT });
    await page.goBack();
    // Back on the list the month shows paid at once, without reopening it.
    await link(page, `${month}党费`).filter({ visible: true }).getByText('已缴纳').waitFor({ timeout: API_WAIT });
    await step(page, 'member-6-dues-paid');

    await open(page, '活动报名');
    await link(page, new RegExp(ACTIVITY.title)).click({ timeout: API_WAIT });
    await shown(page, '参加对象').waitFor({ timeout: API_WAIT });
    await step(page, 'member-7-activity');
    await button(page, '我要报名').click();
    await shown(page, '您已报名成功').waitFor({ timeout: API_WAIT });
    await button(page, '取消报名').waitFor();
    await step(page, 'member-8-activity-registered');

    await open(page, '学习课程');
    await button(page, '全部课程').click({ timeout: API_WAIT });
    await shown(page, COURSE.title).waitFor({ timeout: API_WAIT });
    await step(page, 'member-9-course-list');
    // The reading timer runs on the page's clock: fast-forwarded instead of waiting twelve minutes. The server
    // is the real one and measures what the app reports.
    await page.clock.install();
    await shown(page, COURSE.title).click();
    await shown(page, COURSE.firstChapterText).waitFor({ timeout: API_WAIT });
    await readChapterFor(page, 6);
    await button(page, COURSE.secondChapter).click();
    await shown(page, COURSE.secondChapterText).waitFor();
    await readChapterFor(page, 6);
    await shown(page, '学习进度 100%').waitFor({ timeout: API_WAIT });
    await step(page, 'member-10-course-read');
    await button(page, '完成学习').click();
    // Twelve minutes read: 0.2 of the course's hours, whole tenths, measured by the server.
    await shown(page, /^已完成学习，计入 0\.2 学时，本年度累计 [\d.]+ 学时$/).waitFor({ timeout: API_WAIT });
    await step(page, 'member-11-course-completed');
  }, 900_000);

  it('member: the 我的 page sits fully below the H5 title bar, and its home icon leads home', async () => {
    const page = await signIn('王护林');
    await link(page, '我的').click();
    await page.getByRole('heading', { name: '我的' }).filter({ visible: true }).waitFor({ timeout: API_WAIT });
    await expectBelowTitleBar(page);
    // Opened on its own (a reload, a shared link): the title bar offers home instead of back.
    await page.reload();
    await page.getByRole('heading', { name: '我的' }).filter({ visible: true }).waitFor({ timeout: API_WAIT });
    await expectBelowTitleBar(page);
    await step(page, 'member-12-me');
    const visited: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
    await page.getByRole('button', { name: '返回首页' }).click();
    await shown(page, '功能服务').waitFor({ timeout: API_WAIT });
    expect(page.url()).toContain('/pages/index/index');
    // Straight home: not through the login page (the app's first page, where Taro's own home icon leads).
    // (The listener sees the app's own page changes: the way home is among them, the login page is not.)
    expect(visited.some((url) => url.includes('/pages/index/index'))).toBe(true);
    expect(visited.filter((url) => url.includes('/pages/login/'))).toEqual([]);
    await step(page, 'member-13-home-from-title-bar');
  }, 300_000);

  it('secretary: handles the member’s suggestion, assigning the handler with the person picker', async () => {
    const page = await signIn('张书记');
    await step(page, 'secretary-1-home');
    await open(page, '意见箱');
    await link(page, '意见办理').click({ timeout: API_WAIT });
    await link(page, new RegExp(SUGGESTION.title)).click({ timeout: API_WAIT });
    await page.locator('.info-row', { hasText: '办理人' }).filter({ hasText: '未指派' }).filter({ visible: true }).waitFor({ timeout: API_WAIT });
    await step(page, 'secretary-2-suggestion');

    await page.locator('input[placeholder="输入姓名、拼音或首字母"]').filter({ visible: true }).fill('zsj');
    await button(page, '选择张书记').click({ timeout: API_WAIT });
    await shown(page, '已选：张书记').waitFor();
    await step(page, 'secretary-3-handler-picked');
    await button(page, '指派给张书记').click();
    await page.locator('.info-row', { hasText: '办理人' }).filter({ hasText: '张书记' }).filter({ visible: true }).waitFor({ timeout: API_WAIT });

    await page.locator('textarea[placeholder="写明办理结果或安排，提交人会看到"]').filter({ visible: true }).fill('已报林场统一采购信号弹，按巡护组登记发放。');
    await button(page, '提交答复').click();
    await shown(page, '张书记 的答复').waitFor({ timeout: API_WAIT });
    await page.locator('.info-row', { hasText: '办理人' }).filter({ hasText: '张书记' }).filter({ visible: true }).waitFor();
    await step(page, 'secretary-4-answered');
  }, 300_000);

  it('finance: records a cash payment on behalf of (代缴) a member found with the person picker, within its 党委', async () => {
    const page = await signIn('陈财务');
    await open(page, '党费');
    await link(page, '党费管理').click({ timeout: API_WAIT });
    await link(page, '登记线下缴纳').click({ timeout: API_WAIT });
    const search = page.locator('input[placeholder="输入姓名、拼音或首字母"]').filter({ visible: true });
    // 新林林业局党委's members are another organisation's dues: the picker does not offer them.
    await search.fill('ljg');
    await shown(page, '没有找到符合条件的人员').waitFor({ timeout: API_WAIT });
    await search.fill('zsj');
    await button(page, '选择张书记').click({ timeout: API_WAIT });
    await shown(page, '已选：张书记').waitFor();
    const month = button(page, /^\d{4}年\d{1,2}月$/).filter({ visible: true }).first();
    await month.waitFor({ timeout: API_WAIT });
    const monthText = (await month.textContent())!.trim();
    await month.click();
    await step(page, 'finance-1-offline-payment');
    await button(page, '登记缴纳').click();
    await shown(page, new RegExp(`^已登记：${monthText}，共 [\\d.]+ 元，账本第 \\d+ 条$`)).waitFor({ timeout: API_WAIT });
    await step(page, 'finance-2-recorded');
  }, 300_000);

  it('admin: scopes a feature toggle to two branches with the branch picker and saves it with a reason', async () => {
    const page = await signIn('杨管理');
    await step(page, 'admin-1-home');
    await open(page, '功能反馈');
    await link(page, '反馈管理').click({ timeout: API_WAIT });
    await link(page, '功能开关').click({ timeout: API_WAIT });
    await button(page, '编辑活动报名').click({ timeout: API_WAIT });
    await shown(page, '未选择，即全部支部').waitFor();
    await step(page, 'admin-2-toggle-editor');

    // Branches by name: filter by a word of it, tap the chip.
    const filter = page.locator('[aria-label="面向支部：筛选支部"] input').filter({ visible: true });
    await filter.fill('壮志');
    await button(page, '面向支部：壮志林场党支部').click();
    await filter.fill('消防');
    await button(page, '面向支部：松岭森林消防大队党支部').click();
    await shown(page, '已选 2 个：壮志林场党支部、松岭森林消防大队党支部').waitFor();
    await step(page, 'admin-3-branches-picked');

    // Without a reason the app asks for one (the server refuses it too).
    await button(page, '保存「活动报名」').click();
    await shown(page, '请填写调整说明：为什么这样调整（记入调整记录）').waitFor();
    await page.locator('[aria-label="调整说明"] input').filter({ visible: true }).fill('活动报名先在松岭两个基层支部试点');
    await button(page, '保存「活动报名」').click();
    const card = button(page, '编辑活动报名');
    await card.getByText('支部：壮志林场党支部、松岭森林消防大队党支部').waitFor({ timeout: API_WAIT });
    await card.getByText(/由管理员 杨管理调整$/).waitFor();
    await step(page, 'admin-4-toggle-saved');
  }, 300_000);
});

/** The page's heading is wholly below the title bar, and the bar starts at the top of the screen (no band above it). */
async function expectBelowTitleBar(page: Page): Promise<void> {
  const bar = await page.locator('#taro-navigation-bar').boundingBox();
  const heading = await page.getByRole('heading', { name: '我的' }).filter({ visible: true }).boundingBox();
  expect(bar).not.toBeNull();
  expect(heading).not.toBeNull();
  expect(Math.round(bar!.y)).toBe(0);
  expect(heading!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
}

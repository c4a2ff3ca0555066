import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { postSuggestionAs, shown, signInAs, tapEntryUntil, usePlatformInBrowser } from '../support/e2e';

const stack = usePlatformInBrowser();
/** Waits on the API: generous, since a cold function compiles the lexicon before its first answer and CI machines are shared. */
const API_WAIT = 60_000;
const signIn = (name: string) => signInAs(stack.browser(), stack.platform().webUrl, name);
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
// Taro H5 inputs are custom elements carrying the placeholder too: target the inner input and textarea.
const titleInput = (page: Page) => page.locator('input[placeholder="一句话说明是什么事"]');
const contentInput = (page: Page) => page.locator('textarea[placeholder="请写清楚问题或需求，以及您的建议"]');
const openBox = (page: Page) => tapEntryUntil(page, '意见箱', shown(page, '我的意见'), API_WAIT);

/** A member's attempt to post through the API, the way the app sends it (for setting up what the test only looks at). */
const postAs = (userId: string, content: string) => postSuggestionAs(stack.platform().apiUrl, userId, { title: '反映情况', content });

const HELD_TITLE = '关于网上传言的反映';
const HELD_CONTENT = '群里有人转发“中共腐败”之类的说法，<b>希望</b>支部组织学习澄清。';

describe('the suggestion box in the H5 app', () => {
  it('refuses a blocked text with its message, holds another for a reviewer who approves it, and the member sees the admin’s reply', async () => {
    const ranger = await signIn('王护林');
    await openBox(ranger);
    await ranger.getByRole('link', { name: '瞭望塔信号太弱，已答复' }).waitFor({ timeout: API_WAIT });
    await screenshot(ranger, 'suggestions-home');
    await button(ranger, '我要提意见').click();
    await titleInput(ranger).fill('林区治安');
    await button(ranger, '生活').click();
    await contentInput(ranger).fill('听说有人在林场附近出售冰毒，请派出所查一查。');
    await button(ranger, '提交').click();
    const blocked = ranger.getByRole('alert').filter({ hasText: '涉毒信息' });
    await blocked.waitFor({ timeout: API_WAIT });
    expect(await blocked.textContent()).not.toContain('冰毒');
    await screenshot(ranger, 'suggestions-blocked');

    await titleInput(ranger).fill(HELD_TITLE);
    await contentInput(ranger).fill(HELD_CONTENT);
    await button(ranger, '提交').click();
    await shown(ranger, '已提交，待审核').waitFor({ timeout: API_WAIT });
    await ranger.locator('.sugg-status', { hasText: '待审核' }).filter({ visible: true }).waitFor();
    // Markup a member typed is shown as the characters typed, never interpreted.
    await shown(ranger, '<b>希望</b>', { exact: false }).waitFor();
    await screenshot(ranger, 'suggestions-held');

    const reviewer = await signIn('刘审核');
    await openBox(reviewer);
    await reviewer.getByRole('link', { name: '审核队列' }).click();
    await shown(reviewer, HELD_TITLE).waitFor({ timeout: API_WAIT });
    await reviewer.locator('.sugg-hit', { hasText: '中共腐败' }).first().waitFor();
    // The reason names the word, neutrally: never a category label beside the member's name.
    await shown(reviewer, '含需复核词：中共腐败').waitFor();
    expect(await reviewer.getByText('涉政有害信息').count()).toBe(0);
    await screenshot(reviewer, 'suggestions-review-queue');
    await button(reviewer, `通过：${HELD_TITLE}`).click();
    await shown(reviewer, HELD_TITLE).waitFor({ state: 'detached', timeout: API_WAIT });

    const admin = await signIn('杨管理');
    await openBox(admin);
    await admin.getByRole('link', { name: '意见办理' }).click();
    await admin.getByRole('link', { name: new RegExp(HELD_TITLE) }).click();
    await shown(admin, '王护林 · 壮志林场党支部').waitFor({ timeout: API_WAIT });
    await admin.locator('textarea[placeholder="写明办理结果或安排，提交人会看到"]').fill('已安排支部下周组织专题学习，澄清不实说法。');
    await button(admin, '提交答复').click();
    await shown(admin, '杨管理 的答复').waitFor({ timeout: API_WAIT });
    await admin.locator('.sugg-status', { hasText: '已答复' }).filter({ visible: true }).waitFor();
    await screenshot(admin, 'suggestions-handling-detail');

    await ranger.goto(`${stack.platform().webUrl}/#/suggestions/pages/index/index`);
    await ranger.getByRole('link', { name: `${HELD_TITLE}，已答复` }).click({ timeout: API_WAIT });
    await shown(ranger, '已安排支部下周组织专题学习，澄清不实说法。').waitFor({ timeout: API_WAIT });
    await shown(ranger, '杨管理 的答复', { exact: false }).waitFor();
    await button(ranger, '5 分 很满意').click();
    await button(ranger, '提交评价').click();
    await shown(ranger, '您的评价：5 分（很满意）').waitFor({ timeout: API_WAIT });
    await screenshot(ranger, 'suggestions-replied');
  }, 300_000);

  it('keeps an anonymous suggestion anonymous on the handler’s screen, and shows early warnings to admins', async () => {
    const ranger = await signIn('王护林');
    await openBox(ranger);
    await button(ranger, '我要提意见').click();
    await titleInput(ranger).fill('匿名：值班安排');
    await button(ranger, '工作').click();
    await contentInput(ranger).fill('节假日值班总是同几个人，希望轮换更公平。');
    await ranger.locator('taro-switch-core[aria-label="匿名提交"]').click();
    await shown(ranger, '查看凭据只保存在这部手机上', { exact: false }).waitFor();
    await button(ranger, '提交').click();
    // The page after submitting finds the suggestion by the secret the app keeps, not by who is asking.
    await shown(ranger, '已提交，支部会尽快办理').waitFor({ timeout: API_WAIT });
    await shown(ranger, '清除小程序数据或更换手机后', { exact: false }).waitFor();

    const secretary = await signIn('张书记');
    await openBox(secretary);
    await secretary.getByRole('link', { name: '意见办理' }).click();
    const card = secretary.getByRole('link', { name: /匿名：值班安排/ });
    await card.waitFor({ timeout: API_WAIT });
    expect(await card.textContent()).toContain('匿名 · 壮志林场党支部');
    expect(await card.textContent()).not.toContain('王护林');
    await screenshot(secretary, 'suggestions-handling-list');
    await card.click();
    await secretary.locator('textarea[placeholder="写明办理结果或安排，提交人会看到"]').fill('下月起值班表按月轮换并公示。');
    await button(secretary, '提交答复').click();
    await shown(secretary, '张书记 的答复').waitFor({ timeout: API_WAIT });

    // The author finds the reply among 我的意见 with the secret on the phone, and rates it.
    await ranger.goto(`${stack.platform().webUrl}/#/suggestions/pages/index/index`);
    await ranger.getByRole('link', { name: '匿名：值班安排，已答复' }).click({ timeout: API_WAIT });
    await shown(ranger, '下月起值班表按月轮换并公示。').waitFor({ timeout: API_WAIT });
    await button(ranger, '4 分 满意').click();
    await button(ranger, '提交评价').click();
    await shown(ranger, '您的评价：4 分（满意）').waitFor({ timeout: API_WAIT });
    await screenshot(ranger, 'suggestions-anonymous-replied');

    // Three blocked attempts within the hour in one branch: an early warning for the admins.
    for (const content of ['有人在吸冰毒', '听说有人吸冰毒', '又有人在吸冰毒']) expect(await postAs('demo-office', content)).toBe(422);
    const admin = await signIn('杨管理');
    await openBox(admin);
    await admin.getByRole('link', { name: '舆情预警' }).click();
    await shown(admin, '新林林业局机关党支部 · 涉毒信息').waitFor({ timeout: API_WAIT });
    await shown(admin, '拦截 3 条，待审 0 条', { exact: false }).waitFor();
    await button(admin, '确认已知晓').click();
    await shown(admin, '杨管理 已于', { exact: false }).waitFor({ timeout: API_WAIT });
    await screenshot(admin, 'suggestions-alerts');
  }, 240_000);
});

import type { Page, Route } from 'playwright-core';
import { screenshot } from '../support/browser';
import { clickSettled, demoToken, shown, signInAs, usePlatformInBrowser } from '../support/e2e';

/**
 * A ranger out of signal: writes wait on the phone as "待发送" and arrive exactly once when the network is
 * back; faults (500, timeout, an expired session) keep what the member typed; 大字模式; cached pages.
 */
const stack = usePlatformInBrowser();
/** Generous: a cold function in the local runtime loads before its first answer on a shared machine. */
const API_WAIT = 60_000;
const RANGER = { id: 'demo-ranger', name: '王护林' };

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' }).filter({ visible: true }).first();
const link = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).filter({ visible: true }).first();
// Taro H5 inputs are custom elements carrying the placeholder too: target the inner input and textarea.
const titleInput = (page: Page) => page.locator('input[placeholder="一句话说明是什么事"]');
const contentInput = (page: Page) => page.locator('textarea[placeholder="请写清楚问题或需求，以及您的建议"]');

async function api<T>(path: string, userId = RANGER.id): Promise<T> {
  const base = stack.platform().apiUrl;
  const token = await demoToken(base, userId);
  const reply = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return (await reply.json()) as T;
}

const mySuggestionsTitled = async (title: string) =>
  (await api<{ items: Array<{ title: string; content: string }> }>('/suggestions/mine?limit=50')).items.filter((item) => item.title === title);

/** Successful POSTs the app made to a path: what "arrived" means from the phone's side. */
function countArrivals(page: Page, path: string): () => number {
  let count = 0;
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith(path) && response.ok()) count += 1;
  });
  return () => count;
}

async function openSubmitForm(page: Page): Promise<void> {
  await link(page, '意见箱').click();
  await button(page, '我要提意见').click({ timeout: API_WAIT });
  await titleInput(page).filter({ visible: true }).waitFor({ timeout: API_WAIT });
}

async function fillSuggestion(page: Page, title: string, content: string): Promise<void> {
  await titleInput(page).filter({ visible: true }).fill(title);
  await button(page, '工作').click();
  await contentInput(page).filter({ visible: true }).fill(content);
}

/** Answers the app's POST /suggestions with `answer` (other requests, CORS preflights included, go through). */
async function interceptSuggestionPost(page: Page, answer: (route: Route) => Promise<void>, times = Infinity): Promise<void> {
  let left = times;
  await page.route('**/api/v1/suggestions', async (route) => {
    if (route.request().method() !== 'POST' || left <= 0) return route.continue();
    left -= 1;
    return answer(route);
  });
}

const corsHeaders = () => ({ 'access-control-allow-origin': new URL(stack.platform().webUrl).origin, 'content-type': 'application/json' });

describe('the app on a weak network', () => {
  it('keeps a suggestion and a learning progress made offline as 待发送 and delivers each exactly once when back online', async () => {
    const page = await signInAs(stack.browser(), stack.platform().webUrl, RANGER.name);
    const suggestionArrivals = countArrivals(page, '/api/v1/suggestions');
    const progressArrivals = countArrivals(page, '/api/v1/learning/progress');

    // Online: the pages the ranger will use are opened once (their code loads), then back home.
    await openSubmitForm(page);
    await page.goBack();
    await page.goBack();
    await link(page, '学习课程').click();
    const firstCourse = page.locator('.card').filter({ has: page.locator('.course-reason') }).filter({ visible: true }).first();
    await firstCourse.waitFor({ timeout: 120_000 });
    const courseTitle = (await firstCourse.locator('.card-title').textContent()) ?? '';
    await firstCourse.click();
    await button(page, '完成学习').waitFor({ timeout: API_WAIT });

    await page.context().setOffline(true);
    await button(page, '完成学习').click();
    await shown(page, '进度已保存在手机上（待发送）').waitFor({ timeout: API_WAIT });
    await shown(page, `学习进度：${courseTitle} 完成学习 · 待发送`).waitFor();
    await screenshot(page, 'offline-progress-pending');

    await page.goBack();
    await page.goBack();
    await shown(page, '待发送（1）：联网后自动提交').waitFor();
    const title = `断网时提的意见${Date.now() % 100_000}`;
    await openSubmitForm(page);
    await fillSuggestion(page, title, '瞭望塔附近没有信号，请考虑加装中继设备。');
    await button(page, '提交').click();
    await shown(page, '意见已保存在手机上（待发送）').waitFor({ timeout: API_WAIT });
    await shown(page, `意见：${title} · 待发送`).waitFor();
    await page.goBack();
    await page.goBack();
    await shown(page, '待发送（2）：联网后自动提交').waitFor();
    await screenshot(page, 'offline-home-pending');
    expect(suggestionArrivals() + progressArrivals()).toBe(0);

    await page.context().setOffline(false);
    await shown(page, '待发送（2）：联网后自动提交').waitFor({ state: 'hidden', timeout: API_WAIT });
    expect(await page.getByText('待发送').filter({ visible: true }).count()).toBe(0);

    expect(await mySuggestionsTitled(title)).toHaveLength(1);
    const course = await api<{ course: { courseId: string; title: string }; progress?: { completed: boolean } }>(
      `/courses/${(await api<{ items: Array<{ course: { courseId: string; title: string } }> }>('/courses?limit=200')).items.find((item) => item.course.title === courseTitle)!.course.courseId}`,
    );
    // Delivered once; a completion of a course not studied is recorded and credits nothing (issue #23).
    expect(course.progress).toMatchObject({ completed: false, creditedHours: 0 });
    // Coming back to the foreground sends again what waits: nothing does, so nothing arrives twice.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(2_000);
    expect(suggestionArrivals()).toBe(1);
    expect(progressArrivals()).toBe(1);
    expect(await mySuggestionsTitled(title)).toHaveLength(1);
  });

  it('keeps what the member typed when the API answers 500, and queues it when the request times out', async () => {
    const page = await signInAs(stack.browser(), stack.platform().webUrl, RANGER.name);
    await openSubmitForm(page);
    const title = `服务器出错时的意见${Date.now() % 100_000}`;
    const content = '护林站的饮用水管道冬天容易冻裂，请安排检修。';
    await fillSuggestion(page, title, content);

    await interceptSuggestionPost(page, (route) => route.fulfill({ status: 500, headers: corsHeaders(), body: '' }), 1);
    await button(page, '提交').click();
    await page.getByRole('alert').filter({ hasText: '系统繁忙，请稍后重试' }).filter({ visible: true }).waitFor({ timeout: API_WAIT });
    expect(await titleInput(page).filter({ visible: true }).inputValue()).toBe(title);
    expect(await contentInput(page).filter({ visible: true }).inputValue()).toBe(content);
    expect(await page.getByText('待发送').filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'offline-fault-500');

    await page.unroute('**/api/v1/suggestions');
    await interceptSuggestionPost(page, (route) => route.abort('timedout'));
    await button(page, '提交').click();
    await shown(page, `意见：${title} · 待发送`).waitFor({ timeout: API_WAIT });
    expect(await mySuggestionsTitled(title)).toHaveLength(0);

    await page.unroute('**/api/v1/suggestions');
    await button(page, '立即重试发送').click();
    await shown(page, `意见：${title} · 待发送`).waitFor({ state: 'hidden', timeout: API_WAIT });
    const arrived = await mySuggestionsTitled(title);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.content).toBe(content);
  });

  it('asks for a new sign-in when the session expires mid-form and then submits what was typed', async () => {
    const page = await signInAs(stack.browser(), stack.platform().webUrl, RANGER.name);
    await openSubmitForm(page);
    const title = `登录过期时的意见${Date.now() % 100_000}`;
    const content = '希望支部把学习资料打印一份放在护林站。';
    await fillSuggestion(page, title, content);
    await interceptSuggestionPost(
      page,
      (route) => route.fulfill({ status: 401, headers: corsHeaders(), body: JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } }) }),
      1,
    );
    await button(page, '提交').click();
    // The login page opens over the form; signing in again comes back to it and the suggestion goes out.
    await shown(page, RANGER.name).click({ timeout: API_WAIT });
    await shown(page, '已提交', { exact: false }).waitFor({ timeout: API_WAIT });
    const arrived = await mySuggestionsTitled(title);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.content).toBe(content);
  });

  it('shows my profile from the phone with its time when the network is gone', async () => {
    const page = await signInAs(stack.browser(), stack.platform().webUrl, RANGER.name);
    await link(page, '我的').click();
    await shown(page, '所在支部').waitFor({ timeout: API_WAIT });
    await page.goBack();
    // Home has come back (and refreshed its settings) before the signal goes.
    await shown(page, '个人信息、所在支部与角色、大字模式').waitFor({ timeout: API_WAIT });
    await page.context().setOffline(true);
    await clickSettled(link(page, '我的'));
    await shown(page, /网络不可用，显示的是保存在手机上的内容（更新于 \d+月\d+日 \d\d:\d\d）/).waitFor({ timeout: API_WAIT });
    await shown(page, '壮志林场党支部', { exact: false }).waitFor();
    await screenshot(page, 'offline-me-cached');
    await page.context().setOffline(false);
  });

  it('enlarges text and simplifies the home page in 大字模式, and keeps the choice', async () => {
    const page = await signInAs(stack.browser(), stack.platform().webUrl, RANGER.name);
    // The page's own heading, not the H5 title bar above it (which says 智慧党建 too, at a fixed size).
    const titleSize = () =>
      page.getByRole('heading', { name: '智慧党建', level: 1 }).filter({ visible: true }).first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const before = await titleSize();
    await shown(page, '个人信息、所在支部与角色、大字模式').waitFor();
    await link(page, '我的').click();
    await page.getByRole('switch', { name: '大字模式' }).or(page.getByLabel('大字模式')).filter({ visible: true }).first().click();
    await page.goBack();
    expect(await titleSize()).toBeGreaterThan(before);
    expect(await page.getByText('个人信息、所在支部与角色、大字模式').filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'large-text-home');
    await page.reload();
    await shown(page, '功能服务').waitFor({ timeout: API_WAIT });
    expect(await titleSize()).toBeGreaterThan(before);
  });
});

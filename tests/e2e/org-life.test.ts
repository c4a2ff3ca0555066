import type { Page } from 'playwright-core';
import { issueSession } from '../../shared/runtime/session';
import { phonePage, screenshot } from '../support/browser';
import { demoToken, postSuggestionAs, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { memberById } from '../support/suggestions';

const stack = usePlatformInBrowser();
const signIn = (name: string) => signInAs(stack.browser(), stack.platform().webUrl, name);
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const API_WAIT = 40_000;

/** A member who is not a demo account on the login page, signed in with a session stored the way the app keeps it. */
async function signInMember(userId: string): Promise<Page> {
  const page = await phonePage(stack.browser());
  const session = await issueSession(memberById(userId));
  await page.goto(`${stack.platform().webUrl}/`);
  await page.evaluate((value) => localStorage.setItem('fpp.session', JSON.stringify({ data: value })), { ...session, member: memberById(userId) });
  return page;
}

async function api(userId: string, method: string, path: string, body?: unknown) {
  const reply = await fetch(`${stack.platform().apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await demoToken(stack.platform().apiUrl, userId)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await reply.json()) as Record<string, unknown>;
}

/** "YYYY-MM-DD HH:mm" in Beijing time. */
function beijingText(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

describe('organisation life in the H5 app', () => {
  it('plans a 支委会, checks a member in with the current code (an old one refused), takes leave, records a resolution that answers a suggestion', async () => {
    // The committee: the secretary, the demo ranger and 钱振华 (m0013); the ranger has a suggestion open.
    const settings = await api('demo-secretary', 'GET', '/org-life/settings');
    await api('demo-secretary', 'PUT', '/org-life/settings', { rhythm: settings.rhythm, committeeIds: ['demo-secretary', 'demo-ranger', 'm0013'], groups: [] });
    expect(await postSuggestionAs(stack.platform().apiUrl, 'demo-ranger', { title: '望火楼取暖', content: '冬季望火楼夜里太冷，希望配发电暖器。' })).toBe(201);

    const secretary = await signIn('张书记');
    await secretary.getByRole('link', { name: '组织生活', exact: true }).click();
    await button(secretary, '计划会议').click();
    await secretary.locator('input[placeholder="例如：研究冬季防火巡护排班"]:visible').fill('研究望火楼冬季值守保障');
    await secretary.locator('input[placeholder="YYYY-MM-DD HH:mm"]:visible').fill(beijingText(Date.now() - 5 * 60_000));
    await secretary.locator('input[placeholder="例如：林场会议室"]:visible').fill('林场会议室');
    await screenshot(secretary, 'orglife-plan');
    await button(secretary, '发布会议通知').click();
    await shown(secretary, '支部委员会｜研究望火楼冬季值守保障').waitFor({ timeout: API_WAIT });
    const id = new URL(secretary.url().replace('#', '')).searchParams.get('id')!;
    expect(id).toMatch(/^[a-z0-9]{24}$/);

    await button(secretary, '出示签到码').click();
    const code = secretary.locator('.checkin-code').filter({ visible: true });
    await code.waitFor({ timeout: API_WAIT });
    const oldCode = (await code.textContent())!.trim();
    expect(oldCode).toMatch(/^\d{6}$/);
    // Beside the six digits, the QR code members scan in WeCom.
    const qr = secretary.getByRole('img', { name: '会议签到二维码' });
    await qr.waitFor({ state: 'visible' });
    expect((await qr.boundingBox())!.width).toBeGreaterThan(150);
    expect(await qr.locator('.qr-code__dark').count()).toBeGreaterThan(50);
    await screenshot(secretary, 'orglife-code');

    // The code on the secretary's screen changes; once the grace after the change is over, the old one is refused.
    await secretary.waitForFunction((old) => Array.from(document.querySelectorAll('.checkin-code')).some((node) => node.textContent?.trim() !== old && node.textContent?.trim() !== ''), oldCode, { timeout: 60_000 });
    await secretary.waitForTimeout(16_000);
    const ranger = await signIn('王护林');
    await ranger.goto(`${stack.platform().webUrl}/#/orglife/pages/meeting/index?id=${id}`);
    const input = ranger.locator('input[placeholder="6 位签到码"]:visible');
    await input.fill(oldCode);
    await button(ranger, '签到').click();
    await shown(ranger, '签到码已过期，请扫描现场正在显示的二维码').waitFor({ timeout: API_WAIT });
    await screenshot(ranger, 'orglife-old-code');
    const currentCode = (await code.textContent())!.trim();
    expect(currentCode).not.toBe(oldCode);
    await input.fill(currentCode);
    await button(ranger, '签到').click();
    await shown(ranger, '我的出勤：出席').waitFor({ timeout: API_WAIT });

    const other = await signInMember('m0013');
    await other.goto(`${stack.platform().webUrl}/#/orglife/pages/meeting/index?id=${id}`);
    await other.locator('input[placeholder="请假原因"]:visible').fill('在望火楼值守');
    await button(other, '请假').click();
    await shown(other, '请假已提交').waitFor({ timeout: API_WAIT });
    await screenshot(other, 'orglife-leave');

    await secretary.reload();
    await shown(secretary, '请假（在望火楼值守）').waitFor({ timeout: API_WAIT });
    await shown(secretary, '应到支委 3 人，实到 1 人，不足半数').waitFor();
    await secretary.getByRole('button', { name: '列入议程：望火楼取暖' }).click();
    await shown(secretary, '· 望火楼取暖').waitFor({ timeout: API_WAIT });
    await secretary.locator('textarea[placeholder="会议记录"]:visible').fill('张书记主持，研究望火楼冬季值守保障，王护林同志发言。');
    await secretary.locator('input[placeholder="决议内容"]:visible').fill('为各望火楼配发电暖器各一台');
    await secretary.getByRole('button', { name: '答复意见：望火楼取暖' }).click();
    await screenshot(secretary, 'orglife-record');
    await button(secretary, '保存会议记录').click();
    await shown(secretary, '决议：为各望火楼配发电暖器各一台').waitFor({ timeout: API_WAIT });

    // The printable record downloads from the phone.
    const download = secretary.waitForEvent('download');
    await button(secretary, '下载会议记录（PDF）').click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

    // The member who raised it reads the reply among 我的意见.
    await ranger.goto(`${stack.platform().webUrl}/#/suggestions/pages/index/index`);
    await ranger.getByRole('link', { name: '望火楼取暖，已答复' }).click({ timeout: API_WAIT });
    await shown(ranger, /为各望火楼配发电暖器各一台/).waitFor({ timeout: API_WAIT });
    await screenshot(ranger, 'orglife-reply');
  }, 300_000);

  it('takes one anonymous 民主评议 ballot per member, and shows the committee results by name after the close', async () => {
    const year = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
    // The committee is the secretary alone here: the ranger is an ordinary member of the branch.
    const settings = await api('demo-secretary', 'GET', '/org-life/settings');
    await api('demo-secretary', 'PUT', '/org-life/settings', { rhythm: settings.rhythm, committeeIds: ['demo-secretary'], groups: [] });
    const secretary = await signIn('张书记');
    await secretary.goto(`${stack.platform().webUrl}/#/orglife/pages/appraisal/index`);
    await button(secretary, '开始民主评议').click({ timeout: API_WAIT });
    await shown(secretary, '投票进行中：已收到 0/14 张选票').waitFor({ timeout: API_WAIT });

    const member = await signIn('王护林');
    await member.goto(`${stack.platform().webUrl}/#/orglife/pages/appraisal/index`);
    const qualified = member.getByRole('button', { name: /：合格$/ });
    await qualified.first().waitFor({ timeout: API_WAIT });
    expect(await qualified.count()).toBe(13);
    for (const choice of await qualified.all()) await choice.click();
    await member.getByRole('button', { name: /^.+：优秀$/ }).first().click();
    await screenshot(member, 'orglife-ballot');
    await button(member, '提交选票（已评 13/13 人）').click();
    await shown(member, '已投票', { exact: true }).waitFor({ timeout: API_WAIT });
    expect(await member.getByRole('button', { name: /：合格$/ }).count()).toBe(0);
    // Once only: the same ballot sent again is refused.
    const form = (await api('demo-ranger', 'GET', `/org-life/appraisals/${year}`)) as { subjects: Array<{ userId: string }> };
    const grades = form.subjects.filter((subject) => subject.userId !== 'demo-ranger').map((subject) => ({ userId: subject.userId, grade: 'qualified' }));
    expect(await api('demo-ranger', 'POST', `/org-life/appraisals/${year}/ballots`, { grades })).toMatchObject({ error: { code: 'APPRAISAL_ALREADY_VOTED' } });

    await secretary.reload();
    await button(secretary, '结束投票').click({ timeout: API_WAIT });
    await shown(secretary, '投票已结束：已收到 1/14 张选票').waitFor({ timeout: API_WAIT });
    await shown(secretary, '党员评议结果（按姓名排列）').waitFor({ timeout: API_WAIT });
    await screenshot(secretary, 'orglife-appraisal-results');

    await member.reload();
    await shown(member, '我的评议结果').waitFor({ timeout: API_WAIT });
  }, 180_000);

  it("lets the secretary adjust a line of the year plan and download the year's CSV", async () => {
    const secretary = await signIn('张书记');
    await secretary.getByRole('link', { name: '组织生活', exact: true }).click();
    await secretary.getByRole('link', { name: '年度计划', exact: true }).click();
    await shown(secretary, '本计划按支部工作条例规定的节奏生成，可逐项调整').waitFor({ timeout: API_WAIT });
    const firstEdit = secretary.getByRole('button', { name: /^修改 \d{4}-\d{2}-\d{2} / }).first();
    const day = /修改 (\d{4}-\d{2}-\d{2})/.exec((await firstEdit.getAttribute('aria-label'))!)![1]!;
    await firstEdit.click();
    await secretary.locator('input[placeholder="可不填"]:visible').fill('学习新修订的森林防火条例');
    await button(secretary, '保存计划').click();
    await shown(secretary, '本计划已按支部实际调整').waitFor({ timeout: API_WAIT });
    await shown(secretary, new RegExp(`${day} .+｜学习新修订的森林防火条例`)).waitFor();
    await screenshot(secretary, 'orglife-year-plan');

    const download = secretary.waitForEvent('download');
    await button(secretary, '导出全年组织生活（CSV）').click();
    expect((await download).suggestedFilename()).toMatch(/组织生活.*\.csv$/);
  }, 120_000);
});

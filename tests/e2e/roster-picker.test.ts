import type { Browser, Page } from 'playwright-core';
import { ISSUE_23_PHONE } from '../support/browser';
import { fieldsAskingForIds, postSuggestionAs, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { expectReadablePage } from '../support/layout';

const stack = usePlatformInBrowser();
/** Waits on the API: generous, since a cold function loads its data before its first answer on a shared machine. */
const API_WAIT = 60_000;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

const signInOnPhone = (browser: Browser, name: string): Promise<Page> => signInAs(browser, stack.platform().webUrl, name, ISSUE_23_PHONE);

const TITLE = '进山道路雨后难走';

describe('people and branches are picked, never typed', () => {
  it('lets a secretary assign a suggestion’s handler by searching initials in the picker', async () => {
    expect(await postSuggestionAs(stack.platform().apiUrl, 'demo-ranger', { title: TITLE, content: '进山的砂石路雨后泥泞，巡护车辆常陷车，希望安排平整。' })).toBeLessThan(300);

    const secretary = await signInOnPhone(stack.browser(), '张书记');
    await expectReadablePage(secretary, 'picker-1-secretary-home');
    await secretary.getByRole('link', { name: '意见箱', exact: true }).click();
    await secretary.getByRole('link', { name: '意见办理' }).click({ timeout: API_WAIT });
    await secretary.getByRole('link', { name: new RegExp(TITLE) }).click({ timeout: API_WAIT });
    await shown(secretary, '办理人').waitFor({ timeout: API_WAIT });
    await secretary.locator('.info-row', { hasText: '办理人' }).filter({ hasText: '未指派' }).filter({ visible: true }).waitFor();
    await expectReadablePage(secretary, 'picker-2-suggestion-unassigned');

    const search = secretary.locator('input[placeholder="输入姓名、拼音或首字母"]').filter({ visible: true });
    await search.fill('zsj');
    await button(secretary, '选择张书记').waitFor({ timeout: API_WAIT });
    // The branch by its name, never its id.
    await shown(secretary, '壮志林场党支部 · 支部书记').waitFor({ timeout: API_WAIT });
    expect(await shown(secretary, 'songling-zhuangzhi').count()).toBe(0);
    // Only who may handle it is offered: the branch's ordinary members are not.
    expect(await secretary.getByRole('button', { name: '选择王护林' }).count()).toBe(0);
    // The page scrolls inside Taro's own container: bring the picker into the shot.
    await button(secretary, '选择张书记').scrollIntoViewIfNeeded();
    await expectReadablePage(secretary, 'picker-3-search-initials');

    await button(secretary, '选择张书记').click();
    await shown(secretary, '已选：张书记').waitFor();
    await button(secretary, '指派给张书记').scrollIntoViewIfNeeded();
    await expectReadablePage(secretary, 'picker-4-person-chosen');
    expect(await fieldsAskingForIds(secretary)).toEqual([]);

    await button(secretary, '指派给张书记').click();
    await secretary.locator('.info-row', { hasText: '办理人' }).filter({ hasText: '张书记' }).filter({ visible: true }).waitFor({ timeout: API_WAIT });
    await shown(secretary, /指派给张书记/).scrollIntoViewIfNeeded({ timeout: API_WAIT });
    await expectReadablePage(secretary, 'picker-5-handler-assigned');
  }, 300_000);

  it('lets a secretary find a member of the branch in the 花名册 by pinyin and open their page', async () => {
    const secretary = await signInOnPhone(stack.browser(), '张书记');
    await secretary.getByRole('link', { name: '花名册', exact: true }).click();
    await shown(secretary, '范围：壮志林场党支部').waitFor({ timeout: API_WAIT });
    await secretary.getByRole('link', { name: '查看王护林' }).waitFor({ timeout: API_WAIT });
    await expectReadablePage(secretary, 'roster-1-branch-list');

    await secretary.locator('input[placeholder="输入姓名、拼音或首字母"]').filter({ visible: true }).fill('wanghl');
    await secretary.getByRole('link', { name: '查看张书记' }).waitFor({ state: 'detached', timeout: API_WAIT });
    await expectReadablePage(secretary, 'roster-2-search-pinyin');

    await secretary.getByRole('link', { name: '查看王护林' }).click();
    await shown(secretary, '松岭林业局党委').waitFor({ timeout: API_WAIT });
    await shown(secretary, '护林、防火瞭望').waitFor();
    await expectReadablePage(secretary, 'roster-3-member-page');
  }, 300_000);
});

import type { Page } from 'playwright-core';
import { signInAs as signIn, usePlatformInBrowser } from '../support/e2e';
import { expectReadablePage } from '../support/layout';

const { platform, browser } = usePlatformInBrowser();

/** The page on top: Taro H5 keeps the pages below it in the document, hidden. */
const top = (page: Page) => page.locator('.taro_page').last();

describe('the AI party-building assistant in the H5 app served by npm start', () => {
  it('tells a ranger their dues this month with the rule and its source, and says 我不确定 where no rule covers a question', async () => {
    const page = await signIn(browser(), platform().webUrl, '王护林');
    await page.getByRole('link', { name: 'AI 党建助手' }).click();
    await top(page).getByRole('heading', { name: 'AI 党建助手' }).waitFor({ timeout: 20_000 });

    await top(page).locator('.assistant-question textarea').fill('我这个月党费多少');
    await top(page).getByRole('button', { name: '提问' }).click();
    // The seeded ranger's base is 4,200 yuan: 1% of it, with the rule's bracket and where it comes from.
    await top(page).getByText(/应交党费 42\.00 元（按工资收入 4200\.00 元 × 1%计算）/).waitFor({ timeout: 30_000 });
    await top(page).getByText('在职党员按月缴纳党费的比例').waitFor();
    await top(page).getByText(/出处：中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》/).first().waitFor();
    await expectReadablePage(page, 'assistant-dues');

    await top(page).locator('.assistant-question textarea').fill('食堂几点开饭');
    await top(page).getByRole('button', { name: '提问' }).click();
    await top(page).getByText(/^我不确定/).waitFor({ timeout: 30_000 });
    await expectReadablePage(page, 'assistant-unsure');
  }, 180_000);

  it('lets an admin add a passage with its source and retire it (the integration tests show members answered from it)', async () => {
    const page = await signIn(browser(), platform().webUrl, '杨管理');
    await page.getByRole('link', { name: '助手条文管理' }).click();
    await top(page).getByRole('heading', { name: '助手条文管理' }).waitFor({ timeout: 20_000 });
    await top(page).getByText(/条文库第 \d+ 版/).waitFor({ timeout: 20_000 });
    await top(page).locator('input[aria-label="标题"], [aria-label="标题"] input').first().fill('林区主题党日结合防火巡护');
    await top(page).locator('[aria-label="条文内容"] textarea, textarea[aria-label="条文内容"]').first().fill('森林防火紧要期内，林区党支部的主题党日可以结合防火巡护在管护站就近开展。');
    await top(page).locator('input[aria-label="出处"], [aria-label="出处"] input').first().fill('集团党委防火期工作通知');
    await top(page).getByRole('button', { name: '新增条文' }).click();
    const added = top(page).locator('.card', { hasText: '林区主题党日结合防火巡护' });
    await added.getByText('出处：集团党委防火期工作通知 · 管理员新增').waitFor({ timeout: 30_000 });
    await expectReadablePage(page, 'assistant-passages');

    await added.getByRole('button', { name: '停用「林区主题党日结合防火巡护」' }).click();
    await top(page).getByText('（已停用）林区主题党日结合防火巡护').waitFor({ timeout: 30_000 });
  }, 180_000);
});

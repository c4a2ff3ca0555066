import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { currentPeriod } from '../../functions/assessment/periods';
import { clickSettled, shown, signInAs, usePlatformInBrowser } from '../support/e2e';
import { expectReadablePage } from '../support/layout';

/**
 * Issue #20's browser test: an admin defines next year's scheme (a process indicator refused on the way), imports
 * this period's business results, the third-party evaluator scores a bureau, and the committee's charts show both
 * indices for the demo bureaus, read from their snapshots (counted by the snapshot job's units when the demo was
 * seeded; the import and the score re-score them in the assessment function's work queue).
 */
const stack = usePlatformInBrowser();
const API_WAIT = 60_000;
const period = currentPeriod(new Date());
const year = period.slice(0, 4);
const nextYear = String(Number(year) + 1);
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).filter({ visible: true }).first();
const field = (page: Page, placeholder: string) => page.locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`).filter({ visible: true }).first();

async function openAssessment(page: Page): Promise<void> {
  await clickSettled(page.getByRole('link', { name: '党建考核与经营绩效', exact: true }).filter({ visible: true }).first());
  await shown(page, '各林业局两项指数走势').waitFor({ timeout: API_WAIT });
}

async function addIndicator(page: Page, values: { name: string; code: string; unit: string; worst: string; best: string; weight: string }): Promise<void> {
  await field(page, '指标名称').fill(values.name);
  await field(page, '如 biz-forest-economy').fill(values.code);
  await field(page, '如 万元、起、公顷、%').fill(values.unit);
  await field(page, '0 分值').fill(values.worst);
  await field(page, '满分值').fill(values.best);
  await field(page, '权重').fill(values.weight);
  await field(page, '指标定义：衡量什么结果、怎样计算').fill(`${values.name}（本期）`);
  await button(page, '加入方案').click();
  await shown(page, `已加入指标「${values.name}」，保存后生效`).waitFor();
}

describe('party-building assessment joined to business results', () => {
  it('takes a scheme, an import and an evaluator’s score to the committee’s chart of both indices', async () => {
    const admin = await signInAs(stack.browser(), stack.platform().webUrl, '杨管理');
    await openAssessment(admin);

    // The admin defines next year's scheme from this year's, adding a business indicator.
    await button(admin, '指标方案').click();
    await shown(admin, `${nextYear} 年度还没有指标方案`).waitFor({ timeout: API_WAIT });
    await button(admin, `以 ${year} 年度方案为基础新建`).click();
    await shown(admin, `已载入 ${year} 年度方案，修改后请保存`).waitFor({ timeout: API_WAIT });
    await addIndicator(admin, { name: '月均登录次数', code: 'monthly-logins', unit: '次', worst: '0', best: '30', weight: '5' });
    await button(admin, '保存方案').click();
    await shown(admin, /以登录次数为依据，这是过程痕迹而不是工作实效/).waitFor({ timeout: API_WAIT });
    await button(admin, '删除指标月均登录次数').click();
    await addIndicator(admin, { name: '林下经济收入', code: 'biz-forest-economy', unit: '万元', worst: '100', best: '600', weight: '10' });
    await button(admin, '保存方案').click();
    await shown(admin, `已保存 ${nextYear} 年度方案第 1 版`).waitFor({ timeout: API_WAIT });
    await expectReadablePage(admin, 'assessment-1-scheme-saved');

    // This period's business results, pasted as CSV.
    await admin.goBack();
    await button(admin, '导入经营数据').click();
    const csv = ['单位编码,考核期,指标编码,数值', `songling,${period},biz-fire-incidents,0`, `songling,${period},biz-output-value,3600`, `songling,${period},biz-protected-area,271000`, `songling,${period},biz-safety-incidents,0`, `xinlin,${period},biz-fire-incidents,1`, `xinlin,${period},biz-output-value,2500`, `xinlin,${period},biz-protected-area,235000`, `xinlin,${period},biz-safety-incidents,0`].join('\n');
    await field(admin, '把 CSV 内容粘贴到这里').fill(csv);
    await button(admin, '导入').click();
    await shown(admin, /^已导入 8 行/).waitFor({ timeout: API_WAIT });
    await expectReadablePage(admin, 'assessment-2-imported');

    // The third-party evaluator reads the evidence of 松岭 and scores it.
    const evaluator = await signInAs(stack.browser(), stack.platform().webUrl, '周评估');
    await openAssessment(evaluator);
    await clickSettled(evaluator.getByRole('link', { name: '松岭林业局党委考核依据' }).filter({ visible: true }).first());
    await shown(evaluator, `松岭林业局党委 ${period}`).waitFor({ timeout: API_WAIT });
    await shown(evaluator, /依据：经营系统导入：3600 万元/).waitFor({ timeout: API_WAIT });
    const card = evaluator.locator('.card', { hasText: '第三方评估（权重' }).filter({ visible: true }).first();
    await card.locator('input[placeholder="评分 0–100"]').fill('88');
    await card.locator('input[placeholder="评语"]').fill('组织生活记录完整，意见办理及时');
    await card.getByRole('button', { name: '保存第三方评估评分' }).click();
    await shown(evaluator, '第三方评分 88：组织生活记录完整，意见办理及时').waitFor({ timeout: API_WAIT });
    await expectReadablePage(evaluator, 'assessment-3-evaluated');
    // The bureau's own file, with its branches, downloads from the drill-down.
    const download = evaluator.waitForEvent('download', { timeout: API_WAIT });
    await clickSettled(evaluator.getByRole('button', { name: '导出本单位考核表（CSV）' }).filter({ visible: true }).first());
    expect((await download).suggestedFilename()).toBe(`党建考核与经营绩效-松岭林业局党委-${period.slice(0, 4)}.csv`);
    const bureauCsv = readFileSync((await (await download).path())!, 'utf8');
    expect(bureauCsv).toContain('songling-zhuangzhi,壮志林场党支部');
    expect(bureauCsv).not.toContain('xinlin');

    // The committee's view: both indices of both bureaus in this period, as charts and figures.
    const committee = await signInAs(stack.browser(), stack.platform().webUrl, '杨管理');
    await openAssessment(committee);
    for (const bureau of ['松岭林业局党委', '新林林业局党委']) {
      const trend = committee.locator('.card', { hasText: bureau }).filter({ has: committee.locator('img') }).filter({ visible: true }).first();
      await trend.getByText(new RegExp(`^${period}：党建 [\\d.]+.*；经营 [\\d.]+`)).waitFor({ timeout: API_WAIT });
      // Read from the bureau's snapshot (counted when the demo was seeded, re-scored after the import and the score).
      await trend.getByText(/^统计于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/).waitFor({ timeout: API_WAIT });
      expect(await trend.locator('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    }
    const scatter = committee.locator('img[aria-label="党建工作指数与经营绩效指数散点图"], [aria-label="党建工作指数与经营绩效指数散点图"] img').filter({ visible: true }).first();
    const scatterSvg = decodeURIComponent((await scatter.getAttribute('src'))!.split(',')[1]!);
    // One dot per unit with both indices: at least the two bureaus.
    expect((scatterSvg.match(/<circle/g) ?? []).length).toBeGreaterThanOrEqual(2);
    await expectReadablePage(committee, 'assessment-4-committee');
  });
});

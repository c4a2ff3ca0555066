import { handler } from '../../functions/assessment/handler';
import { currentPeriod } from '../../functions/assessment/periods';
import { STARTER_INDICATORS } from '../../functions/assessment/starter-scheme';
import { DEMO_ACCOUNTS, demoMembers } from '../../scripts/local/demo-data';
import type { Member } from '../../shared/api/identity-model';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { pdfPages } from '../support/pdf-text';
import { useSeededTable } from '../support/table';
import { useWorkQueue } from '../support/work-queue';

/**
 * The assessment through its real handler on DynamoDB Local, from the seeded demo year: the scheme and its freeze,
 * business results imported (a good file, then each kind of bad row, none of which writes anything), the anonymous
 * survey, the evaluator's audited scores, the committee's view and its export, and who may do what.
 */
useSeededTable();
// Imports and scores re-score the committee's view in the function's work queue.
const work = useWorkQueue(() => handler as never);

const period = currentPeriod(new Date());
const year = period.slice(0, 4);
const nextYear = String(Number(year) + 1);
const tokens: Record<string, string> = {};
const tokenOf = async (member: Member) => (tokens[member.userId] ??= (await issueSession(member)).token);
const account = (role: string) => DEMO_ACCOUNTS.find((candidate) => candidate.roles.includes(role as Member['roles'][number]) && (role !== 'member' || candidate.roles.length === 1))!;
const as = (role: string) => tokenOf(account(role));

const csvOf = (rows: string[][]) => rows.map((row) => row.map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(',')).join('\n');
const GOOD_ROWS = [
  ['songling', period, 'biz-fire-incidents', '0'],
  ['songling', period, 'biz-output-value', '3,600'],
  ['xinlin', period, 'biz-fire-incidents', '1'],
  ['xinlin', period, 'biz-output-value', '2500'],
];

async function detail(unitCode: string) {
  return (await call(handler, 'GET', '/api/v1/assessment/view/unit', { token: await as('admin'), query: { unitCode, period } })).body as {
    point: { party?: number; business?: number; businessCoverage: number };
    indicators: Array<{ code: string; value?: number; score?: number; missingReason?: string; evidence: string; evaluation?: { score: number; comment: string } }>;
  };
}
const indicatorOf = (body: Awaited<ReturnType<typeof detail>>, code: string) => body.indicators.find((indicator) => indicator.code === code)!;

describe('the indicator scheme', () => {
  it('serves the demo year’s scheme, frozen now that its periods have begun, and refuses to change it', async () => {
    const scheme = await call(handler, 'GET', '/api/v1/assessment/scheme', { token: await as('admin'), query: { year } });
    expect(scheme.status).toBe(200);
    expect(scheme.body).toMatchObject({ year, version: 1, frozen: true });
    const change = await call(handler, 'PUT', '/api/v1/assessment/scheme', { token: await as('admin'), body: { year, indicators: STARTER_INDICATORS, expectedVersion: 1 } });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe('ASSESSMENT_SCHEME_FROZEN');
  });

  it('refuses a process indicator such as logins, saying why in Chinese', async () => {
    const logins = { ...STARTER_INDICATORS[1]!, code: 'monthly-logins', name: '月均登录次数', definition: '党员每月登录平台的次数' };
    const reply = await call(handler, 'PUT', '/api/v1/assessment/scheme', { token: await as('admin'), body: { year: nextYear, indicators: [...STARTER_INDICATORS, logins], expectedVersion: 0 } });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('ASSESSMENT_PROCESS_INDICATOR');
    expect(reply.body.error.message).toContain('月均登录次数');
    expect((await call(handler, 'GET', '/api/v1/assessment/scheme', { token: await as('admin'), query: { year: nextYear } })).status).toBe(404);
  });

  it('saves next year’s scheme as versions, refuses a stale edit, and audits each version with before and after', async () => {
    const token = await as('admin');
    const first = await call(handler, 'PUT', '/api/v1/assessment/scheme', { token, body: { year: nextYear, indicators: STARTER_INDICATORS, expectedVersion: 0 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, frozen: false });
    const heavier = STARTER_INDICATORS.map((indicator) => (indicator.code === 'satisfaction' ? { ...indicator, weight: 40 } : indicator));
    expect((await call(handler, 'PUT', '/api/v1/assessment/scheme', { token, body: { year: nextYear, indicators: heavier, expectedVersion: 1, note: '提高满意度权重' } })).body.version).toBe(2);
    const stale = await call(handler, 'PUT', '/api/v1/assessment/scheme', { token, body: { year: nextYear, indicators: STARTER_INDICATORS, expectedVersion: 1 } });
    expect(stale.body.error.code).toBe('ASSESSMENT_SCHEME_VERSION_CONFLICT');

    const versions = await call(handler, 'GET', '/api/v1/assessment/scheme/versions', { token, query: { year: nextYear } });
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const audit = await call(handler, 'GET', '/api/v1/assessment/audit', { token, query: { year: nextYear } });
    const second = audit.body.items.find((entry: { target: string }) => entry.target.includes('第 2 版'));
    expect(second).toMatchObject({ who: 'demo-admin', action: 'scheme-saved' });
    expect(JSON.parse(second.before).find((i: { code: string }) => i.code === 'satisfaction').weight).toBe(25);
    expect(JSON.parse(second.after).find((i: { code: string }) => i.code === 'satisfaction').weight).toBe(40);
  });
});

describe('importing business results', () => {
  it('imports a good CSV, writes only what changed, and audits each change with its value before', async () => {
    const token = await as('admin');
    const reply = await call(handler, 'POST', '/api/v1/assessment/results/import-csv', {
      token,
      rawBody: `\uFEFF${csvOf([['单位编码', '考核期', '指标编码', '数值'], ...GOOD_ROWS])}`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ imported: 4, changed: 4, unchanged: 0 });
    expect(indicatorOf(await detail('songling'), 'biz-output-value')).toMatchObject({ value: 3600, score: 70 });

    const again = await call(handler, 'POST', '/api/v1/assessment/results/import', {
      token,
      body: { rows: [...GOOD_ROWS.slice(0, 3), ['xinlin', period, 'biz-output-value', '2800']].map(([unitCode, p, indicatorCode, value]) => ({ unitCode, period: p, indicatorCode, value: Number(value!.replace(',', '')) })) },
    });
    expect(again.body).toMatchObject({ imported: 4, changed: 1, unchanged: 3 });
    const audit = await call(handler, 'GET', '/api/v1/assessment/audit', { token, query: { year } });
    expect(audit.body.items[0]).toMatchObject({ action: 'results-imported', who: 'demo-admin', target: `经营数据 xinlin ${period} biz-output-value`, before: '2500', after: '2800' });
  });

  const badRows: Array<[string, string[], string]> = [
    ['an unknown unit', ['no-such-bureau', period, 'biz-fire-incidents', '1'], '单位编码 no-such-bureau 不存在'],
    ['a malformed period', ['songling', '2026年3季度', 'biz-fire-incidents', '1'], '考核期格式应为 YYYY-Qn'],
    ['a period not yet begun', ['songling', `${nextYear}-Q4`, 'biz-fire-incidents', '1'], `考核期 ${nextYear}-Q4 还没有开始`],
    ['an indicator not in the scheme', ['songling', period, 'biz-timber-sales', '1'], `指标编码 biz-timber-sales 不在 ${year} 年度指标方案中`],
    ['an indicator the platform computes', ['songling', period, 'dues-on-time', '95'], '不是从经营系统导入的指标'],
    ['a value that is not a number', ['songling', period, 'biz-fire-incidents', '两起'], '数值应为数字'],
  ];

  it.each(badRows)('refuses a file with %s, naming the row in Chinese, and writes nothing', async (_kind, bad, message) => {
    const token = await as('admin');
    const before = indicatorOf(await detail('songling'), 'biz-fire-incidents').value;
    const reply = await call(handler, 'POST', '/api/v1/assessment/results/import-csv', {
      token,
      rawBody: csvOf([['unitCode', 'period', 'indicatorCode', 'value'], ['songling', period, 'biz-fire-incidents', '3'], bad]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('ASSESSMENT_IMPORT_INVALID');
    expect(reply.body.error.details).toEqual([expect.objectContaining({ row: 3, message: expect.stringContaining(message) })]);
    expect(reply.body.error.details[0].message).toMatch(/^第 3 行：/);
    // The good first row was not written either.
    expect(indicatorOf(await detail('songling'), 'biz-fire-incidents').value).toBe(before);
  });

  it('refuses a duplicated row and a file without the required columns', async () => {
    const token = await as('admin');
    const duplicate = await call(handler, 'POST', '/api/v1/assessment/results/import-csv', {
      token,
      rawBody: csvOf([['unitCode', 'period', 'indicatorCode', 'value'], GOOD_ROWS[0]!, GOOD_ROWS[0]!]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(duplicate.body.error.details).toEqual([expect.objectContaining({ row: 3, message: expect.stringContaining('与第 2 行重复') })]);
    const columns = await call(handler, 'POST', '/api/v1/assessment/results/import-csv', { token, rawBody: 'unitCode,value\nsongling,1', headers: { 'content-type': 'text/csv' } });
    expect(columns.body.error.details[0].message).toBe('缺少必填列：考核期、指标编码');
  });

  it('refuses JSON entries that are not rows, or carry fields the schema does not know', async () => {
    const reply = await call(handler, 'POST', '/api/v1/assessment/results/import', {
      token: await as('admin'),
      body: { rows: ['songling', { unitCode: 'songling', period, indicatorCode: 'biz-fire-incidents', value: 1, note: '补报' }] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.map((d: { message: string }) => d.message)).toEqual([
      '第 1 条：每一条应为包含 unitCode、period、indicatorCode、value 的对象',
      '第 2 条：不认识的字段：note',
    ]);
  });
});

describe('the satisfaction survey', () => {
  const branchOf = (branchId: string) => demoMembers().filter((member) => member.branchId === branchId && /^m\d+$/.test(member.userId));

  it('takes one anonymous response per member and shows a branch only from five responses', async () => {
    const before = await call(handler, 'GET', '/api/v1/assessment/survey/results', { token: await as('admin'), query: { period } });
    const zhuangzhi = () => before.body.branches.find((b: { branchId: string }) => b.branchId === 'songling-zhuangzhi');
    expect(zhuangzhi()).toMatchObject({ shown: false, withheldReason: '回答不足 5 份，为保护匿名不显示结果' });
    expect(zhuangzhi().averages).toBeUndefined();
    const answered = zhuangzhi().responses as number;

    const fresh = branchOf('songling-zhuangzhi').slice(6, 6 + Math.max(0, 5 - answered));
    for (const member of fresh) {
      const survey = await call(handler, 'GET', '/api/v1/assessment/survey', { token: await tokenOf(member) });
      expect(survey.body.survey).toMatchObject({ period, open: true, answered: false });
      const reply = await call(handler, 'POST', '/api/v1/assessment/survey/responses', { token: await tokenOf(member), body: { period, answers: { q1: 5, q2: 4, q3: 4 } } });
      expect(reply.status).toBe(200);
    }
    const repeat = await call(handler, 'POST', '/api/v1/assessment/survey/responses', { token: await tokenOf(fresh[0]!), body: { period, answers: { q1: 1, q2: 1, q3: 1 } } });
    expect(repeat.body.error.code).toBe('SURVEY_ALREADY_ANSWERED');
    const incomplete = await call(handler, 'POST', '/api/v1/assessment/survey/responses', { token: await as('member'), body: { period, answers: { q1: 5 } } });
    expect(incomplete.status).toBe(400);

    const after = await call(handler, 'GET', '/api/v1/assessment/survey/results', { token: await as('evaluator'), query: { period } });
    const shown = after.body.branches.find((b: { branchId: string }) => b.branchId === 'songling-zhuangzhi');
    expect(shown).toMatchObject({ responses: 5, shown: true });
    expect(shown.overall).toBeGreaterThanOrEqual(1);
  });
});

describe('the evaluator and the committee', () => {
  it('lets the evaluator score an indicator with a comment, audited with the score it replaced', async () => {
    const token = await as('evaluator');
    const first = await call(handler, 'POST', '/api/v1/assessment/evaluations', { token, body: { unitCode: 'xinlin', period, indicatorCode: 'third-party', score: 74, comment: '组织生活记录完整' } });
    expect(first.status).toBe(200);
    await call(handler, 'POST', '/api/v1/assessment/evaluations', { token, body: { unitCode: 'xinlin', period, indicatorCode: 'third-party', score: 81, comment: '补充走访后上调' } });
    const audit = await call(handler, 'GET', '/api/v1/assessment/audit', { token, query: { year } });
    expect(audit.body.items[0]).toMatchObject({ action: 'evaluation-scored', who: 'thirdparty-evaluator' });
    expect(JSON.parse(audit.body.items[0].before)).toEqual({ score: 74, comment: '组织生活记录完整' });
    expect(JSON.parse(audit.body.items[0].after)).toEqual({ score: 81, comment: '补充走访后上调' });
    expect(indicatorOf(await detail('xinlin'), 'third-party')).toMatchObject({ value: 81, score: 81, evaluation: { score: 81, comment: '补充走访后上调' } });

    const group = await call(handler, 'POST', '/api/v1/assessment/evaluations', { token, body: { unitCode: 'xinlin', period, indicatorCode: 'party-service', score: 80, comment: '' } });
    expect(group.body.error.code).toBe('ASSESSMENT_INDICATOR_NOT_SCORABLE');
  });

  it('shows each bureau’s party index beside its business index for every period begun, missing data stated', async () => {
    await work().drained();
    const view = await call(handler, 'GET', '/api/v1/assessment/view', { token: await as('admin'), query: { year } });
    expect(view.status).toBe(200);
    const bureaus = view.body.units.filter((unit: { kind: string }) => unit.kind === 'company');
    expect(bureaus.map((unit: { unitCode: string }) => unit.unitCode)).toEqual(['songling', 'xinlin']);
    for (const bureau of bureaus) {
      const latest = bureau.points.at(-1);
      expect(latest.period).toBe(period);
      expect(latest.party).toEqual(expect.any(Number));
      expect(latest.business).toEqual(expect.any(Number));
    }
    const songling = await detail('songling');
    // Organisation life counts the meetings each branch's rhythm made due in the period against those held (orgLife's read).
    expect(indicatorOf(songling, 'organisation-life')).toMatchObject({ evidence: expect.stringMatching(/^按时召开 \d+ 次 \/ 应召开 [1-9]\d* 次$/), score: expect.any(Number) });
    // Two of four business indicators were imported this period: the index covers half of their weight.
    expect(songling.point.businessCoverage).toBe(0.6);
    expect(indicatorOf(songling, 'biz-safety-incidents').missingReason).toBe('本期未导入经营数据');
  });

  it('exports the year as CSV with each indicator’s evidence', async () => {
    const reply = await call(handler, 'GET', '/api/v1/assessment/export/csv', { token: await as('evaluator'), query: { year } });
    expect(reply.status).toBe(200);
    expect(reply.body.csv.startsWith('\uFEFF单位编码,单位名称,考核期,指标编码')).toBe(true);
    expect(reply.body.csv).toContain(`songling,松岭林业局党委,${period},biz-output-value,完成产值,经营绩效,3600,万元,70`);
    // The group's file holds the bureaus; a bureau's file holds it and its branches, not the other bureau's.
    expect(reply.body.csv).not.toContain('songling-zhuangzhi,');
    const songling = await call(handler, 'GET', '/api/v1/assessment/export/csv', { token: await as('evaluator'), query: { year, unitCode: 'songling' } });
    expect(songling.status).toBe(200);
    expect(songling.body.filename).toBe(`党建考核与经营绩效-松岭林业局党委-${year}.csv`);
    expect(songling.body.csv).toContain(`songling,松岭林业局党委,${period},biz-output-value`);
    expect(songling.body.csv).toContain(`songling-zhuangzhi,壮志林场党支部,${period},party-index`);
    expect(songling.body.csv).not.toContain('xinlin');
    const unknown = await call(handler, 'GET', '/api/v1/assessment/export/csv', { token: await as('evaluator'), query: { year, unitCode: 'nowhere' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('没有找到考核单位 nowhere');
  });

  it('prints the year as a Chinese PDF: both indices per unit and period, then each unit’s indicators with evidence', async () => {
    const reply = await call(handler, 'GET', '/api/v1/assessment/export/pdf', { token: await as('admin'), query: { year } });
    expect(reply.status).toBe(200);
    const pages = await pdfPages(Buffer.from(reply.body.pdfBase64, 'base64'));
    // Table cells wrap: read the text without its line breaks.
    const text = pages.join('').replace(/\s/g, '');
    expect(pages[0]).toContain(`${year} 年度党建考核与经营绩效报告`);
    expect(pages.length).toBeGreaterThan(2);
    expect(text).toContain('松岭林业局党委');
    expect(text).toContain('新林林业局党委');
    expect(text).toContain('补充走访后上调');
    expect(text).toMatch(/组织生活按规定召开率\d+(\.\d)?按时召开\d+次\/应召开\d+次/);
  });
});

describe('who may do what', () => {
  const refusals: Array<[string, string, string, Record<string, unknown>]> = [
    ['member', 'PUT', '/api/v1/assessment/scheme', { body: { year: '2099', indicators: STARTER_INDICATORS, expectedVersion: 0 } }],
    ['secretary', 'GET', '/api/v1/assessment/view', { query: { year: '2026' } }],
    ['evaluator', 'PUT', '/api/v1/assessment/scheme', { body: { year: '2099', indicators: STARTER_INDICATORS, expectedVersion: 0 } }],
    ['evaluator', 'POST', '/api/v1/assessment/results/import', { body: { rows: [{}] } }],
    ['finance', 'GET', '/api/v1/assessment/export/csv', { query: { year: '2026' } }],
    ['admin', 'POST', '/api/v1/assessment/evaluations', { body: { unitCode: 'songling', period: '2026-Q1', indicatorCode: 'third-party', score: 100, comment: '' } }],
    ['reviewer', 'GET', '/api/v1/assessment/survey/results', { query: { period: '2026-Q1' } }],
  ];

  it.each(refusals)('refuses a %s: %s %s', async (role, method, path, options) => {
    const reply = await call(handler, method, path, { token: await as(role), ...options });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses everyone signed out', async () => {
    expect((await call(handler, 'GET', '/api/v1/assessment/survey')).status).toBe(401);
  });
});

import { parse } from 'csv-parse/sync';
import { handler as duesFunction, httpHandler as handler } from '../../functions/dues/handler';
import { addMonths, shanghaiMonth } from '../../functions/dues/months';
import { DEFAULT_DUES_RULES } from '../../shared/api/dues';
import { memberProfile } from '../../shared/runtime/member-directory';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';
import { useWorkQueue } from '../support/work-queue';
import { runJob, useDuesWorld } from './dues-fixtures';

useSeededTable();

const { tokens, wecom } = useDuesWorld('ww-dues-admin');
const work = useWorkQueue(() => duesFunction as never);
const current = shanghaiMonth(new Date());
const year = current.slice(0, 4);

const as = (userId: string) => ({ token: tokens[userId] });
const finance = () => as('demo-finance');
const secretary = () => as('demo-secretary'); // branch songling-zhuangzhi (m0013–m0024)
/** A fanned-out run as finance reads it once its units have all been consumed. */
const finishedRun = async (runId: string) => {
  // As the app does: read the run until it has finished (another start of the same run may still be handing out).
  for (let attempt = 0; ; attempt += 1) {
    await work().drained();
    const run = (await call(handler, 'GET', `/api/v1/dues/runs/${runId}`, finance())).body as { status: string; total: number; done: number; counts: Record<string, number>; listed: string[] };
    if (run.status !== 'running' || attempt > 200) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const billsOf = async (userId: string, forYear = year) =>
  (await call(handler, 'GET', '/api/v1/dues/bills', { ...finance(), query: { year: forYear, userId } })).body.bills as Array<{ month: string; status: string; amountFen: number; computation: { hardship?: unknown } }>;

describe('monthly bases set by finance', () => {
  const setBase = (userId: string, body: unknown, who = finance()) => call(handler, 'PUT', `/api/v1/dues/bases/${userId}`, { ...who, body });

  it('computes the monthly dues from the whole base at its bracket\'s rate', async () => {
    const at5000 = await setBase('m0030', { effectiveMonth: `${year}-01`, kind: 'wage', baseFen: 500_000 });
    expect(at5000.status).toBe(200);
    expect(at5000.body.base).toMatchObject({ userId: 'm0030', monthlyFen: 5000, setBy: 'demo-finance' });
    expect((await setBase('m0031', { effectiveMonth: `${year}-01`, kind: 'wage', baseFen: 500_001 })).body.base.monthlyFen).toBe(7500);
    expect((await setBase('m0032', { effectiveMonth: `${year}-01`, kind: 'fixed', fixedClass: 'low-income' })).body.base.monthlyFen).toBe(20);
  });

  it('refuses a negative or non-integer base, and a wage base without an amount', async () => {
    for (const baseFen of [-1, 4500.5, '450000']) {
      const reply = await setBase('m0030', { effectiveMonth: `${year}-01`, kind: 'wage', baseFen });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_FAILED');
      expect(reply.body.error.details[0].path).toBe('body.baseFen');
    }
    const missing = await setBase('m0030', { effectiveMonth: `${year}-01`, kind: 'wage' });
    expect(missing.body.error.details[0]).toEqual({ path: 'body.baseFen', message: '按工资或离退休费缴纳时必须填写月基数' });
  });

  it('is finance\'s job: a secretary cannot set a base, and an unknown member is 404', async () => {
    expect((await setBase('m0014', { effectiveMonth: `${year}-01`, kind: 'wage', baseFen: 1 }, secretary())).status).toBe(403);
    expect((await setBase('nobody', { effectiveMonth: `${year}-01`, kind: 'wage', baseFen: 1 })).status).toBe(404);
  });

  it('lists a branch\'s bases and the members still without one', async () => {
    const reply = await call(handler, 'GET', '/api/v1/dues/bases', { ...finance(), query: { branchId: 'songling-office', year } });
    expect(reply.status).toBe(200);
    expect(reply.body.missing.map((member: { userId: string }) => member.userId)).toContain('m0005');
    expect(reply.body.bases.length).toBeGreaterThan(5);
    expect((await call(handler, 'GET', '/api/v1/dues/bases', { ...secretary(), query: { branchId: 'songling-office', year } })).status).toBe(403);
  });

  const upload = (csv: string, who = finance()) => call(handler, 'POST', '/api/v1/dues/bases/import', { ...who, rawBody: csv, headers: { 'content-type': 'text/csv' } });

  it('imports a yearly CSV with the headings finance uses', async () => {
    const csv = `\uFEFF账号,起始月份,基数类型,月基数（元）,定额类别,备注\nm0033,${year}-01,工资收入,"10,000.00",,\nm0061,${year}-01,离退休费,5000,,\nm0034,${year}-03,定额缴纳,,学生、下岗、领取救济或低保,下岗\n`;
    const reply = await upload(csv);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ imported: 3 });
    const bases = (await call(handler, 'GET', '/api/v1/dues/bases', { ...finance(), query: { branchId: 'songling-fire', year } })).body.bases;
    expect(bases.find((base: { userId: string }) => base.userId === 'm0033')).toMatchObject({ baseFen: 1_000_000, monthlyFen: 15_000 });
    expect(bases.find((base: { userId: string }) => base.userId === 'm0034')).toMatchObject({ kind: 'fixed', monthlyFen: 20 });
  });

  it('imports nothing from a file with bad rows, and names every bad row', async () => {
    const csv = `账号,起始月份,月基数（元）\nm0035,${year}-01,4800\nm0036,${year}-01,-3000\nm0029,${year}-01,3000.123\nghost,${year}-01,3000\nm0028,${year}-13,abc\n`;
    const reply = await upload(csv);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('DUES_BASES_CSV_INVALID');
    expect(reply.body.error.details).toEqual([
      { row: 3, message: '第 3 行：月基数不能为负数' },
      { row: 4, message: '第 4 行：月基数应为金额（元），最多两位小数' },
      { row: 5, message: '第 5 行：账号 ghost 不在党员名册中' },
      { row: 6, message: '第 6 行：起始月份格式应为 YYYY-MM；月基数应为金额（元），最多两位小数' },
    ]);
    const bases = (await call(handler, 'GET', '/api/v1/dues/bases', { ...finance(), query: { branchId: 'songling-fire', year } })).body.bases;
    expect(bases.find((base: { userId: string; baseFen: number }) => base.userId === 'm0035')?.baseFen).not.toBe(480_000);
    expect((await upload('账号\nm0035\n')).body.error.details[0].message).toContain('缺少必填列');
    expect((await upload(csv, secretary())).status).toBe(403);
  });
});

describe('bill generation', () => {
  const generate = async (month: string) => {
    const started = await call(handler, 'POST', '/api/v1/dues/bills/generate', { ...finance(), body: { month } });
    expect(started.status).toBe(200);
    return { started: started.body as { runId: string; status: string; total: number }, run: await finishedRun(started.body.runId) };
  };

  it('answers at once with a run, and creates each member\'s bill for a month exactly once however often and concurrently it runs', async () => {
    const month = addMonths(current, 2);
    const [first, second] = await Promise.all([generate(month), generate(month)]);
    expect(first.started.total).toBeGreaterThan(0);
    expect(first.run).toMatchObject({ status: 'finished', done: first.run.total });
    expect(first.run.counts.created).toBeGreaterThan(60);
    expect(first.run.listed).toContain('m0005');
    expect(second.run.status).toBe('finished');
    expect((await billsOf('m0014', month.slice(0, 4))).filter((bill) => bill.month === month)).toHaveLength(1);
    // A later start (another minute: another run) finds every bill there.
    const later = await call(handler, 'POST', '/api/v1/dues/bills/generate', { ...finance(), body: { month } });
    const again = later.body.runId === first.started.runId ? first.run : await finishedRun(later.body.runId);
    if (later.body.runId !== first.started.runId) expect(again.counts).toMatchObject({ created: 0, existing: first.run.counts.created });
  });

  it('bills probationary members only from the month the branch admitted them', async () => {
    const before = await generate(`${year}-02`);
    expect(before.run.counts.notYetAdmitted).toBeGreaterThan(0);
    expect((await billsOf('m0004')).some((bill) => bill.month === `${year}-02`)).toBe(false);
    expect((await billsOf('m0004')).some((bill) => bill.month === current)).toBe(true);
  });

  it('is for finance, and so is reading a run', async () => {
    expect((await call(handler, 'POST', '/api/v1/dues/bills/generate', { ...secretary(), body: { month: current } })).status).toBe(403);
    expect((await call(handler, 'GET', '/api/v1/dues/runs/generateBills.2026-01.20260101', secretary())).status).toBe(403);
    const unknown = await call(handler, 'GET', '/api/v1/dues/runs/generateBills.1999-01.19990101', finance());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: '没有这个任务' });
  });
});

describe('offline payments', () => {
  const record = (body: Record<string, unknown>, who = secretary()) => call(handler, 'POST', '/api/v1/dues/offline-payments', { ...who, body: { method: 'cash', ...body } });

  it('lets the branch record a quarter paid at once in one ledger entry, once however often it is retried', async () => {
    const months = [current, addMonths(current, 1), addMonths(current, 2)];
    const reply = await record({ userId: 'm0014', months, clientRequestId: 'quarter-m0014-01', reference: 'SJ-0001' });
    expect(reply.status).toBe(200);
    expect(reply.body.entry).toMatchObject({ kind: 'offline-payment', months, method: 'cash', recordedBy: 'demo-secretary', reference: 'SJ-0001' });
    expect(reply.body.entry.amountFen).toBe(reply.body.bills.reduce((sum: number, bill: { amountFen: number }) => sum + bill.amountFen, 0));
    expect(reply.body.bills.every((bill: { status: string }) => bill.status === 'paid')).toBe(true);
    const retry = await record({ userId: 'm0014', months, clientRequestId: 'quarter-m0014-01', reference: 'SJ-0001' });
    expect(retry.body.entry.seq).toBe(reply.body.entry.seq);
  });

  it('refuses a month already paid, a back-payment beyond six months and more than a quarter ahead', async () => {
    const paid = await record({ userId: 'm0014', months: [current], clientRequestId: 'again-m0014-01' });
    expect(paid.status).toBe(409);
    expect(paid.body.error.code).toBe('DUES_ALREADY_PAID');
    const old = await record({ userId: 'm0015', months: [addMonths(current, -7)], clientRequestId: 'old-m0015-01' });
    expect(old.body.error.code).toBe('DUES_BACK_PAY_LIMIT');
    const far = await record({ userId: 'm0015', months: [addMonths(current, 3)], clientRequestId: 'far-m0015-01' });
    expect(far.body.error.code).toBe('DUES_MONTH_NOT_OPEN');
  });

  it('keeps a secretary to their own branch and members out', async () => {
    expect((await record({ userId: 'm0001', months: [current], clientRequestId: 'other-branch-01' })).status).toBe(403);
    expect((await record({ userId: 'm0014', months: [current], clientRequestId: 'member-tries-01' }, as('demo-ranger'))).status).toBe(403);
  });

  it('sends a single voluntary payment over 1,000 yuan wholly to the centre', async () => {
    const reply = await record({ userId: 'm0016', months: [current], voluntaryExtraFen: 100_001, clientRequestId: 'voluntary-m0016' }, finance());
    expect(reply.body.entry).toMatchObject({ voluntaryFen: 100_001, toCentreFen: 100_001 });
  });
});

describe('hardship reductions', () => {
  const approve = (body: Record<string, unknown>, who = secretary()) =>
    call(handler, 'POST', '/api/v1/dues/hardships', { ...who, body: { reason: '家庭遭遇火灾，经济困难', approvalRef: '支委会决议〔2026〕3号', ...body } });

  it('records the approval, exempts the covered unpaid bills and appends an adjustment entry', async () => {
    const months = [current, addMonths(current, 2)];
    const reply = await approve({ userId: 'm0017', fromMonth: months[0], toMonth: months[1], monthlyAmountFen: 0, clientRequestId: 'hardship-m0017' });
    expect(reply.status).toBe(200);
    expect(reply.body.hardship).toMatchObject({ approvedBy: 'demo-secretary', approvalRef: '支委会决议〔2026〕3号' });
    expect(reply.body.entry).toMatchObject({ kind: 'hardship-adjustment', reference: '支委会决议〔2026〕3号' });
    expect(reply.body.entry.amountFen).toBeLessThan(0);
    const bill = (await billsOf('m0017')).find((candidate) => candidate.month === current)!;
    expect(bill).toMatchObject({ status: 'exempt', amountFen: 0, computation: { hardship: { approvalRef: '支委会决议〔2026〕3号', monthlyAmountFen: 0 } } });
    const list = await call(handler, 'GET', '/api/v1/dues/hardships', secretary());
    expect(list.body.hardships.map((hardship: { userId: string }) => hardship.userId)).toContain('m0017');
  });

  it('refuses an overlapping approval and one for another branch', async () => {
    const overlap = await approve({ userId: 'm0017', fromMonth: addMonths(current, 1), toMonth: addMonths(current, 3), monthlyAmountFen: 10, clientRequestId: 'hardship-m0017-b' });
    expect(overlap.body.error.code).toBe('DUES_HARDSHIP_OVERLAP');
    expect((await approve({ userId: 'm0001', fromMonth: current, toMonth: current, monthlyAmountFen: 0, clientRequestId: 'hardship-m0001' })).status).toBe(403);
    const backwards = await approve({ userId: 'm0019', fromMonth: current, toMonth: addMonths(current, -1), monthlyAmountFen: 0, clientRequestId: 'hardship-m0019' });
    expect(backwards.body.error.details[0].path).toBe('body.toMonth');
  });
});

describe('arrears, reminders and reports', () => {
  it('flags six consecutive unpaid months to the branch, as a to-do, never removing anyone', async () => {
    const reply = await call(handler, 'GET', '/api/v1/dues/arrears', secretary());
    expect(reply.status).toBe(200);
    const long = reply.body.members.find((member: { userId: string }) => member.userId === 'm0018');
    expect(long).toMatchObject({ consecutiveMonths: 6, flagged: true });
    expect(reply.body.members.filter((member: { flagged: boolean }) => member.flagged).map((member: { userId: string }) => member.userId)).toEqual(['m0018']);
    expect((await call(handler, 'GET', '/api/v1/dues/arrears', { ...secretary(), query: { branchId: 'xinlin-office' } })).status).toBe(403);
  });

  it('reminds members with unpaid dues and tells the secretary, once a month however often the job runs', async () => {
    const started = (await runJob('arrearsReminders')) as { runId: string; total: number };
    expect(started.total).toBeGreaterThan(0);
    const result = await finishedRun(started.runId);
    expect(result.status).toBe('finished');
    expect(result.counts.flagged).toBeGreaterThanOrEqual(1);
    expect(wecom().violations).toEqual([]);
    const reminder = wecom().delivered.find((notice) => notice.title === '党费缴纳提醒' && notice.toUsers.includes('m0018'));
    expect(reminder?.page).toBe('dues/pages/index/index');
    const flag = wecom().delivered.find((notice) => notice.title === '党费欠缴提示');
    expect(flag?.toUsers).toEqual(['demo-secretary']);
    expect(flag?.contentItems.map((item) => item.value)).toContain('请支部了解情况，平台不会自动处置');
    const delivered = wecom().delivered.length;
    const again = (await runJob('arrearsReminders')) as { runId: string };
    expect(again.runId).toBe(started.runId);
    await work().drained();
    expect(wecom().delivered).toHaveLength(delivered);
    expect(await memberProfile('m0018')).toBeDefined();
  });

  it('reports due, paid, outstanding and collection rate per branch for finance, and only their own for a secretary', async () => {
    const refresh = await call(handler, 'POST', '/api/v1/dues/reports/refresh', { ...finance(), body: { year: Number(year) } });
    expect(refresh.status).toBe(200);
    expect((await finishedRun(refresh.body.runId)).status).toBe('finished');
    const report = (await call(handler, 'GET', '/api/v1/dues/reports', { ...finance(), query: { year } })).body;
    expect(Date.parse(report.asOf)).toBeGreaterThan(Date.now() - 600_000);
    expect(report.rows).toHaveLength(6);
    for (const row of report.rows) {
      expect(row.outstandingFen).toBe(row.dueFen - row.paidFen);
      expect(row.collectionRateBp).toBe(row.dueFen === 0 ? 0 : Math.floor((row.paidFen * 10_000 * 2 + row.dueFen) / (2 * row.dueFen)));
    }
    expect(report.total.paidFen).toBe(report.rows.reduce((sum: number, row: { paidFen: number }) => sum + row.paidFen, 0));
    const own = (await call(handler, 'GET', '/api/v1/dues/reports', { ...secretary(), query: { year } })).body;
    expect(own.rows.map((row: { branchId: string }) => row.branchId)).toEqual(['songling-zhuangzhi']);
    expect((await call(handler, 'GET', '/api/v1/dues/reports', { ...as('demo-ranger'), query: { year } })).status).toBe(403);
  });

  it('exports the report as a CSV finance can open in Excel', async () => {
    const reply = await call(handler, 'GET', '/api/v1/dues/reports/export', { ...finance(), query: { year } });
    expect(reply.body.filename).toBe(`党费收缴报表-${year}.csv`);
    expect(reply.body.csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(reply.body.csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['支部编号', '支部名称', '缴费党员人数', '应缴金额（元）', '已缴金额（元）', '未缴金额（元）', '自愿多缴（元）', '收缴率']);
    expect(rows).toHaveLength(8);
    expect(rows[7]![0]).toBe('合计');
    expect(rows.slice(1).every((row) => /^\d+\.\d{2}$/.test(row[3]!) && /%$/.test(row[7]!))).toBe(true);
  });

  it('publishes the branch\'s yearly public summary, with no figure about any one person', async () => {
    const live = (await call(handler, 'GET', '/api/v1/dues/summaries', { ...as('m0020'), query: { year } })).body.summary;
    expect(live).toMatchObject({ branchId: 'songling-zhuangzhi', year: Number(year) });
    expect(live.publishedAt).toBeUndefined();
    const published = await call(handler, 'POST', '/api/v1/dues/summaries/publish', { ...secretary(), body: { year: Number(year) } });
    expect(published.status).toBe(200);
    const seen = (await call(handler, 'GET', '/api/v1/dues/summaries', { ...as('m0020'), query: { year } })).body.summary;
    expect(seen).toMatchObject({ publishedBy: '张书记', paidFen: published.body.summary.paidFen });
    expect(JSON.stringify(seen)).not.toMatch(/m00\d\d|userId/);
    expect(wecom().delivered.some((notice) => notice.title === '党费收缴公示' && notice.toUsers.includes('m0020'))).toBe(true);
    expect((await call(handler, 'GET', '/api/v1/dues/summaries', { ...as('m0020'), query: { year, branchId: 'xinlin-office' } })).status).toBe(403);
    expect((await call(handler, 'POST', '/api/v1/dues/summaries/publish', { ...secretary(), body: { year: Number(year), branchId: 'xinlin-office' } })).status).toBe(403);
  });
});

describe('the rules as configuration', () => {
  it('shows members the national defaults and lets finance change an amount, refusing brackets out of order', async () => {
    expect((await call(handler, 'GET', '/api/v1/dues/rules', as('demo-ranger'))).body).toEqual(DEFAULT_DUES_RULES);
    const local = { ...DEFAULT_DUES_RULES, fixedAmountsFen: { 'low-income': 50, farmer: 100 } };
    expect((await call(handler, 'PUT', '/api/v1/dues/rules', { ...finance(), body: local })).status).toBe(200);
    expect((await call(handler, 'PUT', '/api/v1/dues/bases/m0032', { ...finance(), body: { effectiveMonth: `${year}-01`, kind: 'fixed', fixedClass: 'low-income' } })).body.base.monthlyFen).toBe(50);
    const disorder = { ...DEFAULT_DUES_RULES, wageBrackets: [{ upToFen: 500_000, rateBp: 100 }, { upToFen: 300_000, rateBp: 50 }, { upToFen: null, rateBp: 200 }] };
    const refused = await call(handler, 'PUT', '/api/v1/dues/rules', { ...finance(), body: disorder });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].message).toBe('档次上限必须逐档递增，最后一档不设上限');
    expect((await call(handler, 'PUT', '/api/v1/dues/rules', { ...secretary(), body: DEFAULT_DUES_RULES })).status).toBe(403);
    await call(handler, 'PUT', '/api/v1/dues/rules', { ...finance(), body: DEFAULT_DUES_RULES });
  });
});

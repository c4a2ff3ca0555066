import { parse } from 'csv-parse/sync';
import { arrearsFrom, longestRun } from '../../functions/dues/arrears';
import { parseBases } from '../../functions/dues/bases-csv';
import { billFor } from '../../functions/dues/bills';
import { addMonths, monthRange, shanghaiMonth } from '../../functions/dues/months';
import { figuresOf, reportCsv } from '../../functions/dues/reports';
import type { MemberRef, StoredBase } from '../../functions/dues/store';
import { DEFAULT_DUES_RULES, type Bill, type Hardship } from '../../shared/api/dues';

const now = new Date('2026-05-10T00:00:00Z');
const member: MemberRef = { userId: 'u1', name: '王护林', branchId: 'b1', category: 'ranger', roles: ['member'] };
const base = (effectiveMonth: string, baseFen: number): StoredBase => ({ userId: 'u1', name: '王护林', branchId: 'b1', effectiveMonth, kind: 'wage', baseFen, setBy: 'f', setAt: '' });
const hardship = (fromMonth: string, toMonth: string, monthlyAmountFen: number): Hardship => ({
  id: 'h', userId: 'u1', name: '王护林', branchId: 'b1', fromMonth, toMonth, monthlyAmountFen, reason: '困难', approvalRef: '决议1号', approvedBy: 's', approvedAt: '', ledgerSeq: 1,
});
const billIn = (month: string, inputs: { bases: StoredBase[]; hardships: Hardship[] }, who = member) => billFor(who, month, inputs, DEFAULT_DUES_RULES, now);

describe('a member\'s bill for a month', () => {
  it('uses the base in force that month: the latest effective on or before it', () => {
    const bases = [base('2025-01', 280_000), base('2026-04', 450_000)];
    expect(billIn('2026-03', { bases, hardships: [] })).toMatchObject({ kind: 'bill', bill: { amountFen: 1400, status: 'unpaid' } });
    expect(billIn('2026-04', { bases, hardships: [] })).toMatchObject({ kind: 'bill', bill: { amountFen: 4500, computation: { baseFen: 450_000, rateBp: 100 } } });
    expect(billIn('2024-12', { bases, hardships: [] })).toEqual({ kind: 'no-base' });
  });

  it('applies an approved hardship reduction in its months only, exempting a zero amount', () => {
    const inputs = { bases: [base('2026-01', 450_000)], hardships: [hardship('2026-03', '2026-04', 0)] };
    expect(billIn('2026-03', inputs)).toMatchObject({ bill: { amountFen: 0, status: 'exempt', computation: { ruleAmountFen: 4500, hardship: { approvalRef: '决议1号' } } } });
    expect(billIn('2026-05', inputs)).toMatchObject({ bill: { amountFen: 4500, status: 'unpaid' } });
  });

  it('bills probationary members from their admission month only', () => {
    const probationary: MemberRef = { ...member, category: 'probationary', admittedMonth: '2026-03' };
    const inputs = { bases: [base('2026-01', 300_000)], hardships: [] };
    expect(billIn('2026-02', inputs, probationary)).toEqual({ kind: 'not-admitted' });
    expect(billIn('2026-03', inputs, probationary)).toMatchObject({ kind: 'bill', bill: { amountFen: 1500 } });
    expect(billIn('2026-03', inputs, { ...probationary, admittedMonth: undefined } as never)).toEqual({ kind: 'not-admitted' });
  });
});

describe('months in Asia/Shanghai', () => {
  it('counts months across years and takes the Shanghai month of an instant', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(shanghaiMonth(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02');
  });
});

const bill = (month: string, status: Bill['status'], amountFen = 1000, extra: Partial<Bill> = {}): Bill => ({
  userId: 'u1', name: '王护林', branchId: 'b1', month, status, amountFen, computation: { kind: 'wage', ruleAmountFen: amountFen }, createdAt: '', ...extra,
});

describe('arrears', () => {
  it('finds the longest run of consecutive months', () => {
    expect(longestRun([])).toBe(0);
    expect(longestRun(['2025-11', '2025-12', '2026-01', '2026-03'])).toBe(3);
  });

  it('flags six consecutive unpaid months and ignores months not yet due', () => {
    const unpaid = monthRange('2025-12', '2026-05').map((month) => bill(month, 'unpaid'));
    const arrears = arrearsFrom('b1', [...unpaid, bill('2026-06', 'unpaid')], 6, '2026-05');
    expect(arrears.members[0]).toMatchObject({ consecutiveMonths: 6, flagged: true, outstandingFen: 6000 });
    expect(arrearsFrom('b1', unpaid.slice(1), 6, '2026-05').members[0]!.flagged).toBe(false);
  });
});

describe('bases file', () => {
  const known = (userId: string) => (userId === 'r1' ? ('retiree' as const) : userId.startsWith('u') ? ('ranger' as const) : undefined);

  it('reads yuan exactly, defaults retirees to their pension and takes Chinese labels', () => {
    const parsed = parseBases('账号,起始月份,月基数（元）\nu1,2026-01,4500.50\nr1,2026-01,3000\n', known);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { userId: 'u1', effectiveMonth: '2026-01', kind: 'wage', baseFen: 450_050 },
      { userId: 'r1', effectiveMonth: '2026-01', kind: 'pension', baseFen: 300_000 },
    ]);
  });

  it('reports a negative, a non-integer-fen and a duplicate row, returning no rows', () => {
    const parsed = parseBases('userId,effectiveMonth,base\nu1,2026-01,-1\nu2,2026-01,1.001\nu3,2026-01,100\nu3,2026-01,200\n', known);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.map((error) => error.row)).toEqual([2, 3, 5]);
    expect(parsed.errors[2]!.message).toContain('与第 4 行是同一党员同一起始月份');
  });
});

describe('collection figures and the CSV export', () => {
  it('sums due, paid and voluntary, with the rate in basis points rounded half up', () => {
    const figures = figuresOf([bill('2026-01', 'paid', 1000, { paidFen: 1000, voluntaryFen: 500 }), bill('2026-02', 'unpaid', 2000), bill('2026-03', 'exempt', 0)]);
    expect(figures).toEqual({ members: 1, dueFen: 3000, paidFen: 1000, outstandingFen: 2000, voluntaryFen: 500, collectionRateBp: 3333 });
  });

  it('writes a spreadsheet-safe CSV with a total row', () => {
    const figures = figuresOf([bill('2026-01', 'paid', 1234, { paidFen: 1234 })]);
    const csv = reportCsv({ year: 2026, rows: [{ branchId: 'b1', branchName: '=HYPERLINK("x")', ...figures }], total: figures });
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[1]).toEqual(['b1', `'=HYPERLINK("x")`, '1', '12.34', '12.34', '0.00', '0.00', '100.00%']);
    expect(rows[2]![0]).toBe('合计');
  });
});

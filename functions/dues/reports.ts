import type { Bill, CollectionFigures, DuesReport, DuesRules, PublicSummary } from '../../shared/api/dues';
import { formatYuan, roundHalfUp } from '../../shared/api/dues';
import { forbidden } from '../../shared/runtime/app-error';
import { sendNotice, type NoticeSender } from '../../shared/runtime/outbound';
import type { Caller } from '../../shared/runtime/session';
import { assertBranchStaff, isFinance } from './access';
import { countedFigures, putFigures } from './figures-store';
import { branchBills, branchMembers, getRules, getSummary, listBranches, putSummary } from './store';

/** Due, paid, outstanding and collection rate of a set of bills (exempt bills are due nothing). */
export function figuresOf(bills: Bill[]): CollectionFigures {
  const dueFen = bills.reduce((sum, bill) => sum + bill.amountFen, 0);
  const paidFen = bills.reduce((sum, bill) => sum + (bill.status === 'paid' ? (bill.paidFen ?? bill.amountFen) : 0), 0);
  return {
    members: new Set(bills.map((bill) => bill.userId)).size,
    dueFen,
    paidFen,
    outstandingFen: dueFen - paidFen,
    voluntaryFen: bills.reduce((sum, bill) => sum + (bill.voluntaryFen ?? 0), 0),
    collectionRateBp: dueFen === 0 ? 0 : roundHalfUp(paidFen * 10_000, dueFen),
  };
}

const sumFigures = (rows: CollectionFigures[], members: number): CollectionFigures => {
  const dueFen = rows.reduce((sum, row) => sum + row.dueFen, 0);
  const paidFen = rows.reduce((sum, row) => sum + row.paidFen, 0);
  return {
    members,
    dueFen,
    paidFen,
    outstandingFen: dueFen - paidFen,
    voluntaryFen: rows.reduce((sum, row) => sum + row.voluntaryFen, 0),
    collectionRateBp: dueFen === 0 ? 0 : roundHalfUp(paidFen * 10_000, dueFen),
  };
};

/**
 * The yearly report per branch. A secretary gets their own branch counted now (one query). Finance gets every
 * branch as last counted by the report job (one query of its figures; `asOf` says when): a request never loops
 * over thousands of branches. A branch not counted yet appears with no figures rather than as zero.
 */
export async function yearReport(caller: Caller, year: number): Promise<DuesReport> {
  if (!isFinance(caller)) {
    const branch = (await listBranches()).find((candidate) => candidate.id === caller.branchId);
    const rows = branch ? [{ branchId: branch.id, branchName: branch.name, ...figuresOf(await branchBills(branch.id, year)) }] : [];
    return { year, rows, total: sumFigures(rows, rows.reduce((sum, row) => sum + row.members, 0)) };
  }
  const [branches, counted] = await Promise.all([listBranches(), countedFigures(year)]);
  const names = new Map(branches.map((branch) => [branch.id, branch.name]));
  const rows = counted
    .filter((figures) => names.has(figures.branchId))
    .sort((a, b) => a.branchId.localeCompare(b.branchId))
    .map(({ countedAt: _countedAt, ...figures }) => ({ ...figures, branchName: names.get(figures.branchId)! }));
  const asOf = counted.map((figures) => figures.countedAt).sort()[0];
  return { year, ...(asOf ? { asOf } : {}), rows, total: sumFigures(rows, rows.reduce((sum, row) => sum + row.members, 0)) };
}

/** Counts these branches' figures of a year from their bills and keeps them for the group report. */
export async function countBranchFigures(year: number, branchIds: readonly string[], now = new Date()): Promise<void> {
  for (const branchId of branchIds) {
    await putFigures(year, { branchId, countedAt: now.toISOString(), ...figuresOf(await branchBills(branchId, year)) });
  }
}

/** A cell that a spreadsheet will not read as a formula. */
const cell = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const rate = (bp: number) => `${(bp / 100).toFixed(2)}%`;

export function reportCsv(report: DuesReport): string {
  const header = ['支部编号', '支部名称', '缴费党员人数', '应缴金额（元）', '已缴金额（元）', '未缴金额（元）', '自愿多缴（元）', '收缴率'];
  const line = (id: string, name: string, figures: CollectionFigures) =>
    [id, name, String(figures.members), formatYuan(figures.dueFen), formatYuan(figures.paidFen), formatYuan(figures.outstandingFen), formatYuan(figures.voluntaryFen), rate(figures.collectionRateBp)];
  const lines = [header, ...report.rows.map((row) => line(row.branchId, row.branchName, row)), line('合计', `${report.year} 年度`, report.total)];
  // The byte-order mark makes Excel read the file as UTF-8.
  return `\uFEFF${lines.map((cells) => cells.map(cell).join(',')).join('\r\n')}\r\n`;
}

function summaryFrom(year: number, branch: { id: string; name: string }, bills: Bill[], rules: DuesRules): PublicSummary {
  const months = [...new Set(bills.map((bill) => bill.month))].sort();
  return {
    year,
    branchId: branch.id,
    branchName: branch.name,
    ...figuresOf(bills),
    toCentreFen: bills.reduce((sum, bill) => sum + ((bill.voluntaryFen ?? 0) > rules.voluntaryToCentreOverFen ? bill.voluntaryFen! : 0), 0),
    byMonth: months.map((month) => {
      const own = figuresOf(bills.filter((bill) => bill.month === month));
      return { month, dueFen: own.dueFen, paidFen: own.paidFen };
    }),
  };
}

async function branchOrForbidden(caller: Caller, branchId: string | undefined): Promise<{ id: string; name: string }> {
  const id = branchId ?? caller.branchId;
  const branch = (await listBranches()).find((candidate) => candidate.id === id);
  if (!branch) throw forbidden('没有这个支部');
  return branch;
}

/**
 * The yearly public summary of a branch's collection, with no figure about any one person: the published
 * one when the branch has published it, else the live figures. Members see their own branch's.
 */
export async function summaryFor(caller: Caller, year: number, branchId: string | undefined): Promise<PublicSummary> {
  const branch = await branchOrForbidden(caller, branchId);
  if (branch.id !== caller.branchId && !isFinance(caller)) throw forbidden('只能查看本支部的党费收缴公示');
  const published = await getSummary(branch.id, year);
  if (published) return published;
  return summaryFrom(year, branch, await branchBills(branch.id, year), await getRules());
}

/** Publishes (or re-publishes) a branch's yearly summary and tells its members. */
export async function publishSummary(caller: Caller, year: number, branchId: string | undefined, sender: NoticeSender, now = new Date()): Promise<PublicSummary> {
  const branch = await branchOrForbidden(caller, branchId);
  assertBranchStaff(caller, branch.id);
  const summary: PublicSummary = {
    ...summaryFrom(year, branch, await branchBills(branch.id, year), await getRules()),
    publishedAt: now.toISOString(),
    publishedBy: caller.name,
  };
  await putSummary(summary);
  const members = (await branchMembers(branch.id)).map((member) => member.userId);
  if (members.length > 0) {
    await sendNotice(
      {
        key: `dues-summary#${year}#${branch.id}#${now.getTime()}`,
        toUsers: members,
        title: '党费收缴公示',
        description: `${year}年度收缴情况`,
        page: `dues/pages/summary/index?year=${year}`,
        contentItems: [{ key: '收缴率', value: rate(summary.collectionRateBp) }, { key: '已缴金额', value: `${formatYuan(summary.paidFen)} 元` }],
      },
      sender,
      now,
    );
  }
  return summary;
}

import type { Bill, DuesRules, Hardship } from '../../shared/api/dues';
import { computeMonthlyDues } from '../../shared/api/dues';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { assertMayView, memberOrNotFound } from './access';
import { addMonths, shanghaiMonth } from './months';
import { billsOf, branchBases, branchMembers, branchHardships, createBill, createBills, getBill, getRules, memberDuesInputs, type MemberRef, type OpenOrder, type StoredBase } from './store';

export type DueOutcome = { kind: 'bill'; bill: Bill } | { kind: 'no-base' } | { kind: 'not-admitted' };

/**
 * A member's bill for a month, from the base in force that month (the latest one effective on or before it),
 * any approved hardship reduction covering it, and the rules. Probationary members pay from the month the
 * branch admitted them.
 */
export function billFor(member: MemberRef, month: string, inputs: { bases: StoredBase[]; hardships: Hardship[] }, rules: DuesRules, now: Date): DueOutcome {
  if (member.category === 'probationary' && (!member.admittedMonth || member.admittedMonth > month)) return { kind: 'not-admitted' };
  const base = inputs.bases.filter((candidate) => candidate.effectiveMonth <= month).sort((a, b) => b.effectiveMonth.localeCompare(a.effectiveMonth))[0];
  if (!base) return { kind: 'no-base' };
  const computation = computeMonthlyDues(base, rules);
  const hardship = inputs.hardships.find((candidate) => candidate.fromMonth <= month && month <= candidate.toMonth);
  const amountFen = hardship ? Math.min(hardship.monthlyAmountFen, computation.ruleAmountFen) : computation.ruleAmountFen;
  return {
    kind: 'bill',
    bill: {
      userId: member.userId,
      name: member.name,
      branchId: member.branchId,
      month,
      status: amountFen === 0 ? 'exempt' : 'unpaid',
      amountFen,
      computation: { ...computation, ...(hardship ? { hardship: { approvalRef: hardship.approvalRef, monthlyAmountFen: hardship.monthlyAmountFen } } : {}) },
      createdAt: now.toISOString(),
    },
  };
}

/** The existing bill, or the one the job would create (created now, exactly once). */
export async function ensureBill(member: MemberRef, month: string, rules: DuesRules, now: Date): Promise<Bill & { openOrder?: OpenOrder }> {
  const existing = await getBill(member.userId, month);
  if (existing) return existing;
  const outcome = billFor(member, month, await memberDuesInputs(member.userId), rules, now);
  if (outcome.kind === 'no-base') throw new AppError(409, 'DUES_NO_BASE', `${member.name}同志尚未核定 ${month} 的党费基数，请联系党费管理员`);
  if (outcome.kind === 'not-admitted') throw new AppError(409, 'DUES_MONTH_NOT_OPEN', `${member.name}同志为预备党员，从接收为预备党员的当月起缴纳党费`);
  if (await createBill(outcome.bill)) return outcome.bill;
  return (await getBill(member.userId, month))!;
}

/** A branch's bases and hardships, read once per branch for a whole run of the job. */
async function branchInputs(branchId: string): Promise<Map<string, { bases: StoredBase[]; hardships: Hardship[] }>> {
  const [bases, hardships] = await Promise.all([branchBases(branchId), branchHardships(branchId)]);
  const byMember = new Map<string, { bases: StoredBase[]; hardships: Hardship[] }>();
  const entry = (userId: string) => byMember.get(userId) ?? byMember.set(userId, { bases: [], hardships: [] }).get(userId)!;
  for (const base of bases) entry(base.userId).bases.push(base);
  for (const hardship of hardships) entry(hardship.userId).hardships.push(hardship);
  return byMember;
}

export interface BranchBillsOutcome {
  created: number;
  existing: number;
  notYetAdmitted: number;
  /** Members for whom finance has set no base yet: no bill until one is set (then run again). */
  missingBase: string[];
}

/**
 * Creates the month's bill of every member of these branches exactly once, however often it runs and however
 * many copies run it at once: existing bills are skipped and every new one is written under the condition that
 * it is absent. Per branch: its members, bases and hardships in three queries, bills in transactions of 100.
 */
export async function billBranches(month: string, branchIds: readonly string[], now = new Date()): Promise<BranchBillsOutcome> {
  const rules = await getRules();
  const result: BranchBillsOutcome = { created: 0, existing: 0, notYetAdmitted: 0, missingBase: [] };
  for (const branchId of branchIds) {
    const [members, inputs] = await Promise.all([branchMembers(branchId), branchInputs(branchId)]);
    const bills: Bill[] = [];
    for (const member of members) {
      const outcome = billFor(member, month, inputs.get(member.userId) ?? { bases: [], hardships: [] }, rules, now);
      if (outcome.kind === 'no-base') result.missingBase.push(member.userId);
      else if (outcome.kind === 'not-admitted') result.notYetAdmitted += 1;
      else bills.push(outcome.bill);
    }
    const written = await createBills(bills);
    result.created += written.created;
    result.existing += written.existing;
  }
  result.missingBase.sort();
  return result;
}

/** Bills of a year, newest month first: a member's own, or (for staff) a member of their branch. */
export async function billsFor(caller: Caller, year: number, userId = caller.userId): Promise<Bill[]> {
  if (userId !== caller.userId) assertMayView(caller, await memberOrNotFound(userId));
  return (await billsOf(userId, year)).sort((a, b) => b.month.localeCompare(a.month));
}

/** Months that may be paid now: back-payment at most `backPayMonths`, ahead at most `advanceMonths`. */
export function assertPayableMonth(month: string, rules: DuesRules, now: Date, advanceAllowed: boolean): void {
  const current = shanghaiMonth(now);
  if (month < addMonths(current, -rules.backPayMonths)) {
    throw new AppError(409, 'DUES_BACK_PAY_LIMIT', `${month} 已超出可补缴的 ${rules.backPayMonths} 个月，请联系支部办理`);
  }
  const latest = addMonths(current, advanceAllowed ? rules.advanceMonths : 0);
  if (month > latest) {
    throw new AppError(409, 'DUES_MONTH_NOT_OPEN', advanceAllowed ? `最多只能提前缴纳到 ${latest}` : `${month} 还不能在线缴纳，按季度预缴请由支部登记`);
  }
}

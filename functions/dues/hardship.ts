import { randomUUID } from 'node:crypto';
import type { Hardship, HardshipInput, LedgerEntry } from '../../shared/api/dues';
import { formatYuan } from '../../shared/api/dues';
import { AppError, badRequest, conflict } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { assertBranchStaff, branchInScope, memberOrNotFound } from './access';
import { AlongsideConditionFailed, appendEntry, getEntry, refOf, type LedgerRef } from './ledger';
import { monthRange } from './months';
import { oncePerRequest } from './requests';
import { branchHardships, claimRequestItem, getBills, memberDuesInputs, putHardshipItem, reduceBillItem } from './store';

const MAX_HARDSHIP_MONTHS = 24;

/**
 * Records an approved hardship reduction (pay less or nothing, after the branch approved the application):
 * the approval, the reduced unpaid bills it covers and a hardship-adjustment ledger entry land together.
 * Bills created later for the covered months take the reduced amount.
 */
export async function approveHardship(caller: Caller, input: HardshipInput, now = new Date()): Promise<{ hardship: Hardship; entry: LedgerEntry }> {
  const months = monthRange(input.fromMonth, input.toMonth);
  if (months.length > MAX_HARDSHIP_MONTHS) throw badRequest([{ path: 'body.toMonth', message: `一次最多批准 ${MAX_HARDSHIP_MONTHS} 个月` }]);
  const replay = async (ref: LedgerRef) => {
    const entry = (await getEntry(ref))!;
    const hardship = (await memberDuesInputs(input.userId)).hardships.find((candidate) => candidate.ledgerSeq === ref.seq && candidate.ledgerChain === ref.chain)!;
    return { hardship, entry };
  };
  return oncePerRequest(caller.userId, input.clientRequestId, replay, async () => {
    const member = await memberOrNotFound(input.userId);
    assertBranchStaff(caller, member.branchId);
    const { hardships } = await memberDuesInputs(member.userId);
    if (hardships.some((other) => other.fromMonth <= input.toMonth && input.fromMonth <= other.toMonth)) throw new AppError(409, 'DUES_HARDSHIP_OVERLAP');
    const reduced = [...(await getBills(member.userId, months)).values()].filter((bill) => bill.status === 'unpaid' && bill.amountFen > input.monthlyAmountFen);
    const approval = { approvalRef: input.approvalRef, monthlyAmountFen: input.monthlyAmountFen };
    const base = {
      id: randomUUID(),
      userId: member.userId,
      name: member.name,
      branchId: member.branchId,
      fromMonth: input.fromMonth,
      toMonth: input.toMonth,
      monthlyAmountFen: input.monthlyAmountFen,
      reason: input.reason,
      approvalRef: input.approvalRef,
      approvedBy: caller.userId,
      approvedAt: now.toISOString(),
    };
    try {
      const entry = await appendEntry(
        {
          kind: 'hardship-adjustment',
          at: now.toISOString(),
          userId: member.userId,
          branchId: member.branchId,
          months,
          amountFen: -reduced.reduce((sum, bill) => sum + bill.amountFen - input.monthlyAmountFen, 0),
          voluntaryFen: 0,
          toCentreFen: 0,
          reference: input.approvalRef,
          recordedBy: caller.userId,
          note: `困难减免：每月 ${formatYuan(input.monthlyAmountFen)} 元`,
        },
        (entries) => [
          claimRequestItem(caller.userId, input.clientRequestId, refOf(entries[0]!), now),
          putHardshipItem({ ...base, ledgerSeq: entries[0]!.seq, ledgerChain: entries[0]!.chain }),
          ...reduced.map((bill) => reduceBillItem(bill, input.monthlyAmountFen, approval)),
        ],
      );
      return { hardship: { ...base, ledgerSeq: entry.seq, ...(entry.chain === undefined ? {} : { ledgerChain: entry.chain }) }, entry };
    } catch (error) {
      if (error instanceof AlongsideConditionFailed && error.index > 0) throw conflict('账单刚刚发生变化，请刷新后重试');
      throw error;
    }
  });
}

export async function hardshipsFor(caller: Caller, branchId: string | undefined): Promise<Hardship[]> {
  return branchHardships(branchInScope(caller, branchId));
}

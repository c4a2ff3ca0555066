import type { Bill, LedgerEntry, OfflinePaymentInput } from '../../shared/api/dues';
import { AppError, conflict } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { assertBranchStaff, memberOrNotFound } from './access';
import { assertPayableMonth, ensureBill } from './bills';
import { AlongsideConditionFailed, appendEntry, getEntry, refOf, type LedgerRef } from './ledger';
import { toCentre } from './settlement';
import { oncePerRequest } from './requests';
import { claimRequestItem, getBills, getRules, settleBillItem } from './store';

/**
 * Records a cash or transfer payment taken by the branch or finance, for one or several months (quarterly
 * payment, back-payment within the limit) and possibly on someone's behalf. The bills and the ledger entry
 * are written in one transaction: all months are paid, or none.
 */
export async function recordOfflinePayment(caller: Caller, input: OfflinePaymentInput, now = new Date()): Promise<{ entry: LedgerEntry; bills: Bill[] }> {
  const months = [...new Set(input.months)].sort();
  const replay = async (ref: LedgerRef) => ({ entry: (await getEntry(ref))!, bills: [...(await getBills(input.userId, months)).values()] });
  return oncePerRequest(caller.userId, input.clientRequestId, replay, async () => {
    const member = await memberOrNotFound(input.userId);
    assertBranchStaff(caller, member.branchId);
    const rules = await getRules();
    for (const month of months) assertPayableMonth(month, rules, now, true);
    const bills: Bill[] = [];
    for (const month of months) bills.push(await ensureBill(member, month, rules, now));
    const paid = bills.filter((bill) => bill.status === 'paid').map((bill) => bill.month);
    if (paid.length > 0) throw new AppError(409, 'DUES_ALREADY_PAID', `${paid.join('、')} 的党费已经缴纳，无需重复登记`);
    const exempt = bills.filter((bill) => bill.status === 'exempt').map((bill) => bill.month);
    if (exempt.length > 0) throw new AppError(409, 'DUES_NOTHING_TO_PAY', `${exempt.join('、')} 按批准的困难减免无需缴纳`);
    const voluntaryFen = input.voluntaryExtraFen ?? 0;
    const at = now.toISOString();
    try {
      const entry = await appendEntry(
        {
          kind: 'offline-payment',
          at,
          userId: member.userId,
          branchId: member.branchId,
          months,
          amountFen: bills.reduce((sum, bill) => sum + bill.amountFen, 0),
          voluntaryFen,
          toCentreFen: toCentre(voluntaryFen, rules),
          method: input.method,
          recordedBy: caller.userId,
          ...(input.reference ? { reference: input.reference } : {}),
          ...(input.note ? { note: input.note } : {}),
        },
        (entries) => [
          claimRequestItem(caller.userId, input.clientRequestId, refOf(entries[0]!), now),
          ...bills.map((bill, index) =>
            settleBillItem(bill, { paidAt: at, paidFen: bill.amountFen, voluntaryFen: index === 0 ? voluntaryFen : 0, paidVia: input.method, paidBy: caller.userId, ledger: refOf(entries[0]!) }),
          ),
        ],
      );
      return { entry, bills: [...(await getBills(member.userId, months)).values()] };
    } catch (error) {
      if (error instanceof AlongsideConditionFailed && error.index > 0) throw conflict('账单刚刚发生变化（可能已经缴纳），请刷新后重试');
      throw error;
    }
  });
}

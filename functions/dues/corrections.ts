import type { LedgerEntry } from '../../shared/api/dues';
import { AppError, notFound } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { AlongsideConditionFailed, appendEntry, getEntry, refOf, type LedgerRef } from './ledger';
import { oncePerRequest } from './requests';
import { claimRequestItem, getBills, markReversedItem, reopenBillItem } from './store';

/**
 * Corrects a payment recorded in error by appending a reversal entry (negative amounts, pointing at the
 * original): the original entry is never touched, the bills it paid go back to unpaid, and an entry can
 * be reversed once. Refunding a WeChat payment itself is done in the merchant platform.
 */
export async function correctEntry(
  caller: Caller,
  input: { correctsSeq: number; chain?: string; reason: string; clientRequestId: string },
  now = new Date(),
): Promise<{ entry: LedgerEntry }> {
  const replay = async (ref: LedgerRef) => ({ entry: (await getEntry(ref))! });
  const target: LedgerRef = { seq: input.correctsSeq, ...(input.chain === undefined ? {} : { chain: input.chain }) };
  return oncePerRequest(caller.userId, input.clientRequestId, replay, async () => {
    const original = await getEntry(target);
    if (!original) throw notFound(`账本中没有${input.chain === undefined ? '' : `支部 ${input.chain} 的`}第 ${input.correctsSeq} 条记录`);
    if (original.kind !== 'payment' && original.kind !== 'offline-payment') throw new AppError(409, 'DUES_NOT_CORRECTABLE');
    const bills = [...(await getBills(original.userId, original.months)).values()].filter(
      (bill) => bill.status === 'paid' && bill.ledgerSeq === original.seq && bill.ledgerChain === original.chain,
    );
    try {
      const entry = await appendEntry(
        {
          kind: 'reversal',
          at: now.toISOString(),
          userId: original.userId,
          branchId: original.branchId,
          months: original.months,
          amountFen: -original.amountFen,
          voluntaryFen: -original.voluntaryFen,
          toCentreFen: -original.toCentreFen,
          ...(original.method ? { method: original.method } : {}),
          ...(original.reference ? { reference: original.reference } : {}),
          recordedBy: caller.userId,
          correctsSeq: original.seq,
          ...(original.chain === undefined ? {} : { correctsChain: original.chain }),
          note: input.reason,
        },
        (entries) => [
          claimRequestItem(caller.userId, input.clientRequestId, refOf(entries[0]!), now),
          markReversedItem(refOf(original), refOf(entries[0]!)),
          ...bills.map((bill) => reopenBillItem(bill, refOf(original))),
        ],
      );
      return { entry };
    } catch (error) {
      if (error instanceof AlongsideConditionFailed && error.index === 1) throw new AppError(409, 'DUES_NOT_CORRECTABLE', `第 ${original.seq} 条记录已经冲正过`);
      if (error instanceof AlongsideConditionFailed && error.index > 1) throw new AppError(409, 'CONFLICT', '账单刚刚发生变化，请刷新后重试');
      throw error;
    }
  });
}

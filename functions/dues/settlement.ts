import type { DuesRules, LedgerEntry } from '../../shared/api/dues';
import { recordRefundNeeded, type AnomalyKind } from './anomalies';
import { AlongsideConditionFailed, appendEntry, refOf } from './ledger';
import { getOrder, getRules, settleBillItem, settleOrder, settleOrderItem, type PaymentOrder } from './store';
import type { NotificationKeys } from './wechatpay/gateway';
import type { PaidTransaction } from './wechatpay/notification';

/** The part of a voluntary payment that goes wholly to the centre: all of it when over the threshold. */
export const toCentre = (voluntaryFen: number, rules: DuesRules) => (voluntaryFen > rules.voluntaryToCentreOverFen ? voluntaryFen : 0);

export type SettleOutcome = 'paid' | 'duplicate' | 'anomaly' | 'ignored';

/**
 * The bill's ledger entry, written in one transaction with the order and the bill marked paid by this
 * transaction. `order-taken`: the order was settled meanwhile (by this or another transaction);
 * `bill-taken`: the bill was paid another way or changed since the order was opened.
 */
async function payBill(order: PaymentOrder, transaction: PaidTransaction, at: string): Promise<'paid' | 'order-taken' | 'bill-taken'> {
  const rules = await getRules();
  try {
    await appendEntry(
      {
        kind: 'payment',
        at,
        userId: order.userId,
        branchId: order.branchId,
        months: [order.month],
        amountFen: order.dueFen,
        voluntaryFen: order.voluntaryFen,
        toCentreFen: toCentre(order.voluntaryFen, rules),
        method: 'wechatpay',
        reference: transaction.transaction_id,
        recordedBy: 'wechatpay',
        ...(order.payerId !== order.userId ? { note: `代缴人 ${order.payerId}` } : {}),
      },
      (entries: LedgerEntry[]) => [
        settleOrderItem(order.outTradeNo, 'paid', transaction.transaction_id, at),
        settleBillItem(
          { userId: order.userId, month: order.month, amountFen: order.dueFen },
          { paidAt: at, paidFen: order.dueFen, voluntaryFen: order.voluntaryFen, paidVia: 'wechatpay', paidBy: order.payerId, ledger: refOf(entries[0]!) },
        ),
      ],
    );
    return 'paid';
  } catch (error) {
    if (!(error instanceof AlongsideConditionFailed)) throw error;
    return error.index === 0 ? 'order-taken' : 'bill-taken';
  }
}

/** Why a transaction of a known order paid no bill. */
const kindFor = (order: PaymentOrder, transaction: PaidTransaction): AnomalyKind =>
  transaction.amount.total !== order.amountFen || order.status === 'mismatch' ? 'amount-mismatch' : 'bill-already-paid';

/**
 * Puts one successful WeChat Pay transaction on record, and resolves only once it is: the ledger entry of
 * the one transaction that paid the order's bill, or an anomaly (refund needed, finance told) for any other —
 * another merchant's, an unknown order's, a wrong amount, a second transaction of a paid order (including one
 * that lost a race for it), a bill paid another way. Every step is idempotent per transaction id, so a
 * repeated notification finds its record and changes nothing, and a failure part-way (thrown) is retried
 * whole when WeChat Pay sends the notification again.
 */
export async function settle(transaction: PaidTransaction, keys: NotificationKeys, now: Date): Promise<SettleOutcome> {
  if (transaction.trade_state !== 'SUCCESS') return 'ignored';
  const anomaly = async (kind: AnomalyKind, order?: PaymentOrder) => {
    await recordRefundNeeded(transaction, kind, order, now);
    return 'anomaly' as const;
  };
  if (transaction.mchid !== keys.mchId || transaction.appid !== keys.appId) return anomaly('merchant-mismatch');
  let order = await getOrder(transaction.out_trade_no);
  if (!order) return anomaly('unknown-order');
  // A wrong amount leaves the order open: the member's real payment of it can still pay the bill.
  if (order.status === 'created' && transaction.amount.total === order.amountFen) {
    const paid = await payBill(order, transaction, now.toISOString());
    if (paid === 'paid') return 'paid';
    // The bill was paid another way: the order is closed by this transaction, which is money to refund.
    if (paid === 'bill-taken') await settleOrder(order.outTradeNo, 'paid-duplicate', transaction.transaction_id, now.toISOString());
    order = (await getOrder(transaction.out_trade_no))!;
  }
  if (order.status === 'paid' && order.transactionId === transaction.transaction_id) return 'duplicate';
  return anomaly(kindFor(order, transaction), order);
}

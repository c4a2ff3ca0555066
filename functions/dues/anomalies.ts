import { createHash } from 'node:crypto';
import type { PaymentAnomaly } from '../../shared/api/dues';
import { logger } from '../../shared/runtime/logger';
import type { Notice } from '../../shared/runtime/outbound';
import { membersWithRoles } from '../../shared/runtime/member-directory';
import { recordAnomaly, type PaymentOrder } from './store';
import type { PaidTransaction } from './wechatpay/notification';

export type AnomalyKind = PaymentAnomaly['kind'];

const KIND_LABELS: Record<AnomalyKind, string> = {
  'amount-mismatch': '金额不符',
  'unknown-order': '未知订单',
  'bill-already-paid': '重复缴纳',
  'merchant-mismatch': '商户不符',
};

/** WeCom shows at most 30 characters of a notice item's value. */
const clip = (text: string) => [...text].slice(0, 30).join('');
const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

/** One outbox key per transaction, so a retried notification never queues a second notice. */
const noticeKey = (transactionId: string) =>
  `dues-anomaly#${/^[\w.-]{1,64}$/.test(transactionId) ? transactionId : createHash('sha256').update(transactionId).digest('hex')}`;

export function anomalyNotice(anomaly: PaymentAnomaly, toUsers: string[]): Notice {
  return {
    key: noticeKey(anomaly.transactionId),
    toUsers,
    title: '党费支付异常',
    description: '一笔付款需退款',
    page: 'dues/pages/reports/index',
    contentItems: [
      { key: '原因', value: KIND_LABELS[anomaly.kind] },
      { key: '金额', value: yuan(anomaly.receivedFen) },
      { key: '订单号', value: clip(anomaly.outTradeNo) },
      { key: '交易号', value: clip(anomaly.transactionId) },
      ...(anomaly.month ? [{ key: '月份', value: anomaly.month }] : []),
    ],
  };
}

/** Finance refunds; without a finance member the admins hear of it. */
async function financeOrAdmins(): Promise<string[]> {
  const finance = await membersWithRoles(['finance']);
  return finance.length > 0 ? finance : membersWithRoles(['admin']);
}

/**
 * Puts on record a transaction WeChat Pay took that paid no bill: an anomaly with refund-needed status and,
 * in the same write, a notice to finance in the outbox. Safe to repeat: a transaction is recorded once.
 */
export async function recordRefundNeeded(transaction: PaidTransaction, kind: AnomalyKind, order: PaymentOrder | undefined, now: Date): Promise<void> {
  const anomaly: PaymentAnomaly = {
    id: transaction.transaction_id,
    kind,
    status: 'refund-needed',
    outTradeNo: transaction.out_trade_no,
    transactionId: transaction.transaction_id,
    receivedFen: transaction.amount.total,
    ...(order ? { expectedFen: order.amountFen, userId: order.userId, month: order.month } : {}),
    at: now.toISOString(),
  };
  const recipients = await financeOrAdmins();
  if (recipients.length === 0) logger.error('nobody to tell of a payment anomaly: no finance or admin member', { transactionId: anomaly.transactionId });
  const recorded = await recordAnomaly(anomaly, recipients.length > 0 ? anomalyNotice(anomaly, recipients) : undefined, now);
  if (recorded) logger.error('wechat pay transaction paid no bill: recorded for refund', { kind, outTradeNo: anomaly.outTradeNo, transactionId: anomaly.transactionId });
}

import { randomBytes } from 'node:crypto';
import type { DuesRules, LedgerEntry, PayOrder } from '../../shared/api/dues';
import { ERROR_MESSAGES } from '../../shared/api/errors';
import { AppError } from '../../shared/runtime/app-error';
import { logger } from '../../shared/runtime/logger';
import type { Caller } from '../../shared/runtime/session';
import { assertMayPayFor, memberOrNotFound } from './access';
import { assertPayableMonth, ensureBill } from './bills';
import { AlongsideConditionFailed, appendEntry } from './ledger';
import {
  getOrder,
  getRules,
  putOrder,
  recordAnomaly,
  rememberOpenOrder,
  settleBillItem,
  settleOrder,
  settleOrderItem,
  type PaymentOrder,
} from './store';
import type { NotificationKeys, PaymentGateway } from './wechatpay/gateway';
import { openNotification, type PaidTransaction } from './wechatpay/notification';
import type { HeaderLookup } from './wechatpay/signing';

/** An open order is reused for a second tap on "pay" within this time (a prepay_id lives two hours). */
const OPEN_ORDER_REUSE_MS = 90 * 60_000;

/** The part of a voluntary payment that goes wholly to the centre: all of it when over the threshold. */
export const toCentre = (voluntaryFen: number, rules: DuesRules) => (voluntaryFen > rules.voluntaryToCentreOverFen ? voluntaryFen : 0);

const newOutTradeNo = (month: string) => `D${month.replace('-', '')}${randomBytes(9).toString('hex')}`;

/**
 * Opens a WeChat Pay order for a member's bill of a month (their own, or — 代缴 — one they may pay for)
 * and answers the JSAPI parameters. The bill is marked paid only when WeChat Pay's notification arrives.
 */
export async function createPayOrder(
  caller: Caller,
  month: string,
  body: { userId?: string; voluntaryExtraFen?: number; payerOpenId?: string },
  gateway: PaymentGateway,
  now = new Date(),
): Promise<PayOrder> {
  const member = await memberOrNotFound(body.userId ?? caller.userId);
  assertMayPayFor(caller, member);
  const rules = await getRules();
  assertPayableMonth(month, rules, now, false);
  const bill = await ensureBill(member, month, rules, now);
  if (bill.status === 'paid') throw new AppError(409, 'DUES_ALREADY_PAID', `${month} 的党费已于 ${bill.paidAt?.slice(0, 10) ?? ''} 缴纳，无需重复缴纳`);
  if (bill.status === 'exempt') throw new AppError(409, 'DUES_NOTHING_TO_PAY');
  const voluntaryFen = body.voluntaryExtraFen ?? 0;
  const amountFen = bill.amountFen + voluntaryFen;
  const reply = (outTradeNo: string, prepayId: string): PayOrder => ({
    outTradeNo,
    month,
    userId: member.userId,
    amountFen,
    voluntaryFen,
    mode: gateway.mode,
    jsapi: gateway.jsapiParams(prepayId, now),
  });

  const open = bill.openOrder;
  if (open && open.amountFen === amountFen && open.mode === gateway.mode && now.getTime() - Date.parse(open.createdAt) < OPEN_ORDER_REUSE_MS) {
    const order = await getOrder(open.outTradeNo);
    if (order?.payerId === caller.userId && order.status === 'created') return reply(open.outTradeNo, open.prepayId);
  }

  const outTradeNo = newOutTradeNo(month);
  const description = `党费-${member.name}-${month}${voluntaryFen > 0 ? '（含自愿多缴）' : ''}`;
  const { prepayId } = await gateway.createOrder({ outTradeNo, description, amountFen, payerOpenId: body.payerOpenId });
  const order: PaymentOrder = {
    outTradeNo,
    userId: member.userId,
    branchId: member.branchId,
    payerId: caller.userId,
    month,
    dueFen: bill.amountFen,
    voluntaryFen,
    amountFen,
    prepayId,
    mode: gateway.mode,
    status: 'created',
    createdAt: now.toISOString(),
  };
  await putOrder(order);
  try {
    await rememberOpenOrder(member.userId, month, { outTradeNo, amountFen, prepayId, mode: gateway.mode, createdAt: order.createdAt });
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new AppError(409, 'DUES_ALREADY_PAID');
    throw error;
  }
  return reply(outTradeNo, prepayId);
}

export type Ack = { status: number; body: { code: 'SUCCESS' | 'FAIL'; message: string } };
const accepted: Ack = { status: 200, body: { code: 'SUCCESS', message: '成功' } };
const refused = (status: number, message: string): Ack => ({ status, body: { code: 'FAIL', message } });

export type NotifyOutcome = 'paid' | 'duplicate' | 'anomaly' | 'ignored' | 'rejected';

/**
 * Handles one WeChat Pay notification. Rejected (4xx, so WeChat Pay retries) when the signature, serial,
 * timestamp or encryption is wrong. Otherwise answered success — WeChat Pay's retries change nothing:
 * the order moves from created to paid under a condition, together with the bill and its ledger entry, so
 * a duplicate or a concurrent copy finds it settled. An amount, merchant or order that does not match, or a
 * second payment for a bill already paid, is recorded as an anomaly for finance and never marks anything paid.
 */
export async function receiveNotification(header: HeaderLookup, rawBody: string, keys: NotificationKeys, now = new Date()): Promise<Ack & { outcome: NotifyOutcome }> {
  const opened = openNotification(header, rawBody, keys, now);
  if (opened.kind === 'rejected') {
    logger.warn('wechat pay notification rejected', { problem: opened.problem });
    const unreadable = opened.problem === 'malformed' || opened.problem === 'undecryptable';
    const code = unreadable ? 'WECHATPAY_NOTIFICATION_INVALID' : opened.problem === 'stale' ? 'WECHATPAY_TIMESTAMP_STALE' : 'WECHATPAY_SIGNATURE_INVALID';
    return { ...refused(unreadable ? 400 : 401, ERROR_MESSAGES[code]), outcome: 'rejected' };
  }
  if (opened.kind === 'other-event') return { ...accepted, outcome: 'ignored' };
  const outcome = await settle(opened.transaction, keys, now);
  return { ...accepted, outcome };
}

async function settle(transaction: PaidTransaction, keys: NotificationKeys, now: Date): Promise<NotifyOutcome> {
  if (transaction.trade_state !== 'SUCCESS') return 'ignored';
  const at = now.toISOString();
  const anomaly = async (kind: 'amount-mismatch' | 'unknown-order' | 'bill-already-paid' | 'merchant-mismatch', order?: PaymentOrder) => {
    await recordAnomaly({
      id: transaction.transaction_id,
      kind,
      outTradeNo: transaction.out_trade_no,
      transactionId: transaction.transaction_id,
      receivedFen: transaction.amount.total,
      ...(order ? { expectedFen: order.amountFen, userId: order.userId, month: order.month } : {}),
      at,
    });
    logger.error('wechat pay notification does not match', { kind, outTradeNo: transaction.out_trade_no });
    return 'anomaly' as const;
  };
  if (transaction.mchid !== keys.mchId || transaction.appid !== keys.appId) return anomaly('merchant-mismatch');
  const order = await getOrder(transaction.out_trade_no);
  if (!order) return anomaly('unknown-order');
  if (order.status !== 'created') return order.transactionId === transaction.transaction_id ? 'duplicate' : anomaly(order.status === 'paid' ? 'bill-already-paid' : 'amount-mismatch', order);
  if (transaction.amount.total !== order.amountFen) {
    await settleOrder(order.outTradeNo, 'mismatch', transaction.transaction_id, at);
    return anomaly('amount-mismatch', order);
  }
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
          { paidAt: at, paidFen: order.dueFen, voluntaryFen: order.voluntaryFen, paidVia: 'wechatpay', paidBy: order.payerId, ledgerSeq: entries[0]!.seq },
        ),
      ],
    );
    return 'paid';
  } catch (error) {
    if (!(error instanceof AlongsideConditionFailed)) throw error;
    // The order was settled by a concurrent copy of this notification: nothing more to do.
    if (error.index === 0) return 'duplicate';
    // The bill was paid another way (offline, another order) or changed since the order: money to refund.
    if (await settleOrder(order.outTradeNo, 'paid-duplicate', transaction.transaction_id, at)) return anomaly('bill-already-paid', order);
    return 'duplicate';
  }
}

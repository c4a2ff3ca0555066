import { randomBytes } from 'node:crypto';
import type { PayOrder } from '../../shared/api/dues';
import { ERROR_MESSAGES } from '../../shared/api/errors';
import { AppError } from '../../shared/runtime/app-error';
import { logger } from '../../shared/runtime/logger';
import type { Caller } from '../../shared/runtime/session';
import { assertMayPayFor, memberOrNotFound } from './access';
import { assertPayableMonth, ensureBill } from './bills';
import { settle, type SettleOutcome } from './settlement';
import { getOrder, getRules, putOrder, rememberOpenOrder, type PaymentOrder } from './store';
import type { NotificationKeys, PaymentGateway } from './wechatpay/gateway';
import { openNotification } from './wechatpay/notification';
import type { HeaderLookup } from './wechatpay/signing';

/** An open order is reused for a second tap on "pay" within this time (a prepay_id lives two hours). */
const OPEN_ORDER_REUSE_MS = 90 * 60_000;

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

export type NotifyOutcome = SettleOutcome | 'rejected' | 'not-recorded';

/**
 * Handles one WeChat Pay notification. Rejected (4xx, so WeChat Pay retries) when the signature, serial,
 * timestamp or encryption is wrong. Answered success only once its transaction is on record (see settle):
 * a ledger entry or an anomaly for finance. When recording fails (a write throws, DynamoDB stays busy) the
 * answer is a FAIL with a 5xx, and WeChat Pay sends the notification again: money taken is never
 * acknowledged without a trace.
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
  try {
    return { ...accepted, outcome: await settle(opened.transaction, keys, now) };
  } catch (error) {
    const { out_trade_no: outTradeNo, transaction_id: transactionId } = opened.transaction;
    logger.error('wechat pay transaction not recorded: refused so that WeChat Pay retries', { outTradeNo, transactionId, error: (error as Error).message });
    return { ...refused(503, ERROR_MESSAGES.INTERNAL), outcome: 'not-recorded' };
  }
}

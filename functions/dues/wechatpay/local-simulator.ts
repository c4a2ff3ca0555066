import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { JsapiParams } from '../../../shared/api/dues';
import { AppError } from '../../../shared/runtime/app-error';
import { logger } from '../../../shared/runtime/logger';
import { tableName } from '../../../shared/runtime/db';
import { getLocalPayKeys, putLocalPayKeysIfAbsent, type PaymentOrder } from '../store';
import type { NotificationKeys, PaymentGateway } from './gateway';
import { signJsapiParams } from './jsapi';
import { encryptResource, nonce, rsaSign, signedMessage } from './signing';

/**
 * LOCAL STAGE ONLY — a clearly labelled stand-in for WeChat Pay, so the whole payment flow can be tried on
 * `npm start` without a merchant account. No money moves. It opens orders locally and, when the member taps
 * "模拟支付", sends the real notify endpoint a notification signed and encrypted exactly as WeChat Pay would,
 * with key material generated for this local table. The bill is marked paid only by that notification.
 */

export interface LocalPayKeys extends NotificationKeys {
  serial: string;
  platformPrivateKey: string;
  merchantPrivateKey: string;
}

const cache = new Map<string, LocalPayKeys>();

function generateKeys(): LocalPayKeys {
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const platform = rsa();
  const merchant = rsa();
  const serial = `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`;
  return {
    serial,
    platformPrivateKey: platform.privateKey,
    platformKeys: { [serial]: platform.publicKey },
    merchantPrivateKey: merchant.privateKey,
    apiV3Key: randomBytes(16).toString('hex'),
    mchId: 'local-simulator-mch',
    appId: 'wx-local-simulator',
  };
}

/** The local table's simulator keys, generated once (two Lambda copies racing keep the first). */
export async function localPayKeys(): Promise<LocalPayKeys> {
  const known = cache.get(tableName());
  if (known) return known;
  let keys = await getLocalPayKeys<LocalPayKeys>();
  if (!keys) {
    await putLocalPayKeysIfAbsent(generateKeys());
    keys = (await getLocalPayKeys<LocalPayKeys>())!;
  }
  cache.set(tableName(), keys);
  return keys;
}

export class LocalPaySimulator implements PaymentGateway {
  readonly mode = 'local-simulator' as const;

  constructor(private readonly keys: LocalPayKeys) {}

  async createOrder(order: { outTradeNo: string }): Promise<{ prepayId: string }> {
    return { prepayId: `local-simulator-${order.outTradeNo}` };
  }

  jsapiParams(prepayId: string, now = new Date()): JsapiParams {
    return signJsapiParams(this.keys.appId, this.keys.merchantPrivateKey, prepayId, now);
  }
}

/** The notification WeChat Pay would send for a successful payment of the order. */
export function localNotification(order: PaymentOrder, keys: LocalPayKeys, now = new Date()): { headers: Record<string, string>; body: string } {
  const transaction = {
    mchid: keys.mchId,
    appid: keys.appId,
    out_trade_no: order.outTradeNo,
    transaction_id: `LOCAL${now.getTime()}${randomBytes(4).toString('hex')}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功（本地模拟）',
    bank_type: 'OTHERS',
    attach: '',
    success_time: now.toISOString(),
    payer: { openid: 'local-simulator' },
    amount: { total: order.amountFen, payer_total: order.amountFen, currency: 'CNY', payer_currency: 'CNY' },
  };
  const body = JSON.stringify({
    id: randomBytes(16).toString('hex'),
    create_time: now.toISOString(),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { original_type: 'transaction', ...encryptResource(JSON.stringify(transaction), keys.apiV3Key, 'transaction') },
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonceStr = nonce();
  return {
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonceStr,
      'wechatpay-serial': keys.serial,
      'wechatpay-signature': rsaSign(keys.platformPrivateKey, signedMessage(timestamp, nonceStr, body)),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
    body,
  };
}

/**
 * Where the simulator sends its notifications: the local stack's own notify endpoint, from configuration
 * (`LOCAL_PAY_NOTIFY_URL`, set by `npm start`), never from the request, whose Host header anyone can write.
 */
export function localNotifyUrl(environment: NodeJS.ProcessEnv = process.env): string {
  const parsed = z.string().check(z.url({ protocol: /^https?$/ })).safeParse(environment.LOCAL_PAY_NOTIFY_URL);
  if (!parsed.success) {
    logger.error('LOCAL_PAY_NOTIFY_URL is not set to a URL: the local pay simulator has nowhere to send notifications');
    throw new AppError(503, 'DUES_PAYMENT_UNAVAILABLE', '本地模拟支付未配置支付通知地址（LOCAL_PAY_NOTIFY_URL）');
  }
  return parsed.data;
}

const ackSchema = z.object({ code: z.enum(['SUCCESS', 'FAIL']), message: z.string() });

/**
 * The member taps "模拟支付" on the local stage: the simulator sends the notification to the real notify
 * endpoint over HTTP, as WeChat Pay would, and reports how the endpoint answered.
 */
export async function simulatePayment(order: PaymentOrder, notifyUrl = localNotifyUrl()): Promise<{ notified: boolean; status: number; answer: { code: 'SUCCESS' | 'FAIL'; message: string } }> {
  const notification = localNotification(order, await localPayKeys());
  let response: Response;
  let answer: z.infer<typeof ackSchema>;
  try {
    response = await fetch(notifyUrl, { method: 'POST', headers: notification.headers, body: notification.body, signal: AbortSignal.timeout(10_000) });
    answer = ackSchema.parse(await response.json());
  } catch (error) {
    logger.warn('local pay simulator could not deliver its notification', { notifyUrl, error: (error as Error).message });
    throw new AppError(503, 'DUES_PAYMENT_UNAVAILABLE', '本地模拟支付无法送达支付通知，请稍后重试');
  }
  return { notified: response.ok, status: response.status, answer };
}

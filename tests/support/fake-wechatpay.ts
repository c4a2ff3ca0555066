import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A small stand-in for WeChat Pay v3 on loopback, written from WeChat Pay's documentation (not from our
 * code): it checks the merchant's request signatures, signs its answers with the platform key, and builds
 * notifications signed with SHA256-with-RSA and encrypted with AEAD_AES_256_GCM exactly as WeChat Pay does.
 */

export interface WechatPayTestKeys {
  mchId: string;
  appId: string;
  apiV3Key: string;
  merchantSerial: string;
  merchant: { privateKey: string; publicKey: string };
  platformSerial: string;
  platform: { privateKey: string; publicKey: string };
}

const rsaPair = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

/** A fresh merchant key pair, platform key pair and APIv3 key for one test file. */
export function wechatPayTestKeys(): WechatPayTestKeys {
  return {
    mchId: '1900000109',
    appId: 'wxd678efh567hg6787',
    apiV3Key: randomBytes(16).toString('hex'),
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    merchant: rsaPair(),
    platformSerial: `PUB_KEY_ID_${randomBytes(8).toString('hex')}`,
    platform: rsaPair(),
  };
}

/** The function configuration that points the dues function at this fake. */
export function wechatPayEnvironment(keys: WechatPayTestKeys, baseUrl: string): Record<string, string> {
  return {
    WECHATPAY_BASE_URL: baseUrl,
    WECHATPAY_MCH_ID: keys.mchId,
    WECHATPAY_APP_ID: keys.appId,
    WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
    WECHATPAY_MERCHANT_PRIVATE_KEY: keys.merchant.privateKey.replace(/\n/g, '\\n'),
    WECHATPAY_APIV3_KEY: keys.apiV3Key,
    WECHATPAY_PLATFORM_KEYS: JSON.stringify({ [keys.platformSerial]: keys.platform.publicKey }),
    WECHATPAY_NOTIFY_URL: 'https://party.example.cn/api/v1/dues/notify/wechatpay',
  };
}

const sign = (privateKey: string, message: string) => createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');

export interface FakeOrder {
  outTradeNo: string;
  total: number;
  openid: string;
  description: string;
  notifyUrl: string;
}

export interface FakeWechatPay {
  baseUrl: string;
  orders: Map<string, FakeOrder>;
  /** Requests whose Authorization signature did not verify with the merchant's public key. */
  badSignatures: number;
  close(): Promise<void>;
}

export async function startFakeWechatPay(keys: WechatPayTestKeys): Promise<FakeWechatPay> {
  const orders = new Map<string, FakeOrder>();
  const fake = { badSignatures: 0 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const answer = (status: number, payload: unknown) => {
        const text = JSON.stringify(payload);
        const timestamp = String(Math.floor(Date.now() / 1000));
        const nonce = randomBytes(16).toString('hex');
        response.writeHead(status, {
          'content-type': 'application/json',
          'wechatpay-timestamp': timestamp,
          'wechatpay-nonce': nonce,
          'wechatpay-serial': keys.platformSerial,
          'wechatpay-signature': sign(keys.platform.privateKey, `${timestamp}\n${nonce}\n${text}\n`),
        });
        response.end(text);
      };
      const auth = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const fields = Object.fromEntries([...auth.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
      const signed = `${request.method}\n${request.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
      const verified =
        fields.mchid === keys.mchId &&
        fields.serial_no === keys.merchantSerial &&
        createVerify('RSA-SHA256').update(signed).verify(keys.merchant.publicKey, fields.signature ?? '', 'base64');
      if (!verified) {
        fake.badSignatures += 1;
        return answer(401, { code: 'SIGN_ERROR', message: '签名错误' });
      }
      if (request.method === 'POST' && request.url === '/v3/pay/transactions/jsapi') {
        const order = JSON.parse(body) as { appid: string; mchid: string; out_trade_no: string; description: string; notify_url: string; amount: { total: number }; payer: { openid: string } };
        if (order.appid !== keys.appId || order.mchid !== keys.mchId || !Number.isInteger(order.amount?.total) || order.amount.total <= 0) {
          return answer(400, { code: 'PARAM_ERROR', message: '参数错误' });
        }
        const known = orders.get(order.out_trade_no);
        if (known && known.total !== order.amount.total) return answer(400, { code: 'INVALID_REQUEST', message: '订单号重复' });
        orders.set(order.out_trade_no, { outTradeNo: order.out_trade_no, total: order.amount.total, openid: order.payer.openid, description: order.description, notifyUrl: order.notify_url });
        return answer(200, { prepay_id: `wx${randomBytes(14).toString('hex')}` });
      }
      answer(404, { code: 'NOT_FOUND', message: '无此接口' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    orders,
    get badSignatures() {
      return fake.badSignatures;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface NotificationOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  serial?: string;
  /** Sign with this key instead of the platform key (a forger's). */
  signingKey?: string;
  /** Encrypt with this key instead of the APIv3 key. */
  apiV3Key?: string;
  eventType?: string;
}

export interface Notification {
  headers: Record<string, string>;
  body: string;
  transactionId: string;
}

/** A payment-success notification for an order, as WeChat Pay sends it; `transaction` overrides fields. */
export function paymentNotification(keys: WechatPayTestKeys, outTradeNo: string, total: number, transaction: Record<string, unknown> = {}, options: NotificationOptions = {}): Notification {
  const transactionId = `4200000${randomBytes(10).toString('hex')}`;
  const plaintext = JSON.stringify({
    mchid: keys.mchId,
    appid: keys.appId,
    out_trade_no: outTradeNo,
    transaction_id: transactionId,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'CMC',
    attach: '',
    success_time: new Date().toISOString(),
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
    ...transaction,
  });
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(options.apiV3Key ?? keys.apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('transaction'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString('base64');
  const body = JSON.stringify({
    id: randomBytes(16).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: options.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'transaction', nonce },
  });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signatureNonce = randomBytes(16).toString('hex');
  return {
    transactionId: (transaction.transaction_id as string | undefined) ?? transactionId,
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': signatureNonce,
      'wechatpay-serial': options.serial ?? keys.platformSerial,
      'wechatpay-signature': sign(options.signingKey ?? keys.platform.privateKey, `${timestamp}\n${signatureNonce}\n${body}\n`),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
  };
}
